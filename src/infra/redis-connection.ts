import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/**
 * How the gateway reaches Redis: one server (`REDIS_URL`), a Redis Cluster
 * (`REDIS_CLUSTER_NODES`) or a master watched by Sentinels (`REDIS_SENTINELS` +
 * `REDIS_SENTINEL_MASTER`). Every role opens its connections here, so the three behave alike:
 * the same timeouts, the same reconnect after a failover, the same hash-tagged keys
 * (src/infra/redis-keys.ts puts everything one command or script touches on one slot).
 */
export type RedisClient = Redis | Cluster;

export interface HostPort {
  host: string;
  port: number;
}

export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: HostPort[]; username?: string; password?: string; tls: boolean }
  | {
      kind: 'sentinel';
      sentinels: HostPort[];
      master: string;
      username?: string;
      password?: string;
      sentinelPassword?: string;
      db: number;
    };

/** The `redis` section of the settings, as far as reaching Redis goes. */
export interface RedisConnectionSettings {
  url: string;
  clusterNodes: readonly HostPort[];
  sentinels: readonly HostPort[];
  sentinelMaster: string;
  /** For cluster nodes and the Sentinel-managed master (a single Redis takes it from its URL). */
  password?: string | undefined;
  username?: string | undefined;
  sentinelPassword?: string | undefined;
  tls?: boolean | undefined;
}

/**
 * What a connection is for. `request`: the request path — a command fails at once while Redis is
 * away (no offline queue) and after 1 s when it hangs, so a submit answers 503 instead of waiting.
 * `blocking`: BullMQ workers and queue event readers — commands wait for a reconnect
 * (maxRetriesPerRequest null, as BullMQ requires). `tool`: short-lived command-line tools.
 */
export type RedisRole = 'request' | 'blocking' | 'tool';

/**
 * A request-path Redis command that has no answer within this fails (503 for a submit, fail-open
 * for the sync quota). Without it a Redis that hangs with its socket open (SIGSTOP, a frozen host,
 * a network that drops without a reset) holds every submit and every sync call until the client
 * gives up: the offline queue only covers a connection that is known to be down. 1 s, as /ready.
 */
export const REQUEST_REDIS_COMMAND_TIMEOUT_MS = 1000;

/** "host:port,host:port" → host/port pairs; throws naming the entry that is not one. */
export function parseHostPorts(list: string): HostPort[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
      const port = match ? Number(match[2]) : NaN;
      if (!match || port < 1 || port > 65535) throw new Error(`"${entry}" is not host:port`);
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
    });
}

export function redisTarget(settings: RedisConnectionSettings): RedisTarget {
  const auth = {
    ...(settings.username ? { username: settings.username } : {}),
    ...(settings.password ? { password: settings.password } : {}),
  };
  if (settings.clusterNodes.length > 0) return { kind: 'cluster', nodes: [...settings.clusterNodes], tls: settings.tls ?? false, ...auth };
  if (settings.sentinels.length > 0) {
    const db = Number(new URL(settings.url).pathname.slice(1) || 0);
    return {
      kind: 'sentinel',
      sentinels: [...settings.sentinels],
      master: settings.sentinelMaster,
      db: Number.isInteger(db) ? db : 0,
      ...auth,
      ...(settings.sentinelPassword ? { sentinelPassword: settings.sentinelPassword } : {}),
    };
  }
  return { kind: 'single', url: settings.url };
}

/** The target for logs and error text: never a password. */
export function describeTarget(target: RedisTarget): string {
  const list = (nodes: readonly HostPort[]): string => nodes.map((n) => `${n.host}:${n.port}`).join(',');
  if (target.kind === 'cluster') return `Redis Cluster ${list(target.nodes)}`;
  if (target.kind === 'sentinel') return `Redis master "${target.master}" via Sentinels ${list(target.sentinels)}`;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return `Redis ${url.toString()}`;
}

/**
 * After a failover the old master comes back as a replica and answers writes with READONLY; a
 * client still connected to it (a load balancer, a DNS name or a Sentinel that moved on) must
 * reconnect and resend, not fail every write until restarted. 2 = reconnect and resend the command.
 */
export function reconnectOnReadonly(err: Error): boolean | 1 | 2 {
  return err.message.startsWith('READONLY') ? 2 : false;
}

function roleOptions(role: RedisRole): RedisOptions {
  if (role === 'request')
    return { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: REQUEST_REDIS_COMMAND_TIMEOUT_MS };
  if (role === 'blocking') return { maxRetriesPerRequest: null };
  return { maxRetriesPerRequest: 1, connectTimeout: 5000 };
}

/** Opens a connection to `target` for `role`; `extra` goes on top (lazyConnect, for instance). */
export function connectRedis(target: RedisTarget, role: RedisRole, extra: RedisOptions = {}): RedisClient {
  const options: RedisOptions = { ...roleOptions(role), reconnectOnError: reconnectOnReadonly, ...extra };
  if (target.kind === 'single') return new Redis(target.url, options);
  if (target.kind === 'sentinel') {
    return new Redis({
      ...options,
      sentinels: target.sentinels,
      name: target.master,
      // Listen for the Sentinels' +switch-master and move at once: a client that stays on the old
      // master until it is demoted writes into a server whose data the resync then throws away.
      failoverDetector: true,
      db: target.db,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
    });
  }
  const { enableOfflineQueue, lazyConnect, ...nodeOptions } = options;
  const clusterOptions: ClusterOptions = {
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    // Writes go to masters only; a read from a replica could miss a job just added.
    scaleReads: 'master',
    // While slots move (a failover, a resharding) retry instead of failing at once.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    redisOptions: {
      ...nodeOptions,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  };
  return new Cluster(target.nodes, clusterOptions);
}

/** A second connection like `client` (a subscriber, a blocking reader) with `options` on top. */
export function duplicateClient(client: RedisClient, options: RedisOptions = {}): RedisClient {
  if (client instanceof Cluster) {
    const { enableOfflineQueue, ...nodeOptions } = options;
    return client.duplicate(undefined, {
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      redisOptions: { ...client.options.redisOptions, ...nodeOptions },
    });
  }
  return client.duplicate(options);
}

/** The servers holding data: the cluster's masters, or the one server. */
export function dataNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** Every key matching `pattern` on every data node (SCAN, in pages). */
export async function* scanKeys(client: RedisClient, pattern: string, count = 500): AsyncGenerator<string[]> {
  for (const node of dataNodes(client)) {
    for await (const keys of node.scanStream({ match: pattern, count }) as AsyncIterable<string[]>) if (keys.length > 0) yield keys;
  }
}
