import type { AxiosInstance } from 'axios';
import type { Express } from 'express';
import { connectRedis, redisTarget, type RedisClient } from '../infra/redis-connection';
import type { Logger } from 'pino';
import { CONNECTOR_MAP } from '../../connectors';
import { noticeAuditKey } from '../audit/audit-key-notice';
import { AuditReader } from '../audit/audit-reader';
import { RedisAuditSink } from '../audit/redis-audit-sink';
import type { ConsumerRegistry } from '../auth/consumer-registry';
import { PrincipalAdmission } from '../auth/principal-admission';
import { RevocationStore } from '../auth/revocation-store';
import { noticeConsumerCredentials } from '../auth/consumer-credential-notice';
import { noticeSigningKey } from '../auth/signing-key-notice';
import { TokenService } from '../auth/token-service';
import { CallbackQueue } from '../callbacks/callback-queue';
import { CallbackSender } from '../callbacks/callback-sender';
import { CallbackTargets } from '../callbacks/callback-targets';
import { Catalog } from '../catalog/catalog';
import { loadConfig } from '../config/load-config';
import type { GatewayConfig } from '../config/schema';
import type { ConnectorDefinition } from '../connector-kit/connector-definition';
import { ConnectionLogReader } from '../connection-log/connection-log-reader';
import { ConnectionLogWriter } from '../connection-log/connection-log-writer';
import { ServiceHealth } from '../admin/service-health';
import { buildApp } from '../http/build-app';
import { adminLoginRoute } from '../http/routes/admin-login-route';
import { adminRoute } from '../http/routes/admin-route';
import { dashboardRoute } from '../http/routes/dashboard-route';
import type { HealthCheck } from '../http/routes/health-routes';
import { jobsRoute } from '../http/routes/jobs-route';
import { revocationRoute } from '../http/routes/revocation-route';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { createHttpClient, HttpTransport } from '../protocols/http-transport';
import { createCredentialChecks } from '../limits/credential-checks';
import type { LoginThrottle } from '../limits/login-throttle';
import { checkAuthProfiles, createProviderAuths } from '../provider-auth/provider-auths';
import { JobDataCipher } from '../queue/job-data-cipher';
import { JobQueues } from '../queue/job-queues';
import { BreakerStateStore } from '../runtime/breaker-state-store';
import { CallPipeline } from '../runtime/call-pipeline';
import { CircuitBreakers } from '../runtime/circuit-breakers';
import { ConnectionBulkheads } from '../runtime/connection-bulkheads';
import { OperationInvoker } from '../runtime/operation-invoker';
import { BodyDigest } from '../limits/quota-body-digest';
import { QuotaLedger } from '../limits/quota-ledger';
import { MemoryAdmission, redisMemoryReader, type MemoryReader } from '../limits/quota-memory-admission';
import { createLogger } from '../util/logger';
import { configureXmlLimits } from '../xml/xml-limits';

export interface ComposeOptions {
  env?: NodeJS.ProcessEnv;
  configDir?: string;
  logger?: Logger;
  /** Redis memory as admission reads it (tests inject a low reading; the real maxmemory stays). */
  redisMemory?: MemoryReader;
  /** The registered connectors, `CONNECTOR_MAP` by default; the catalog must list exactly these. */
  connectors?: ReadonlyMap<string, ConnectorDefinition>;
}

/**
 * The gateway's core: everything one process builds once (config, Redis, catalog, breakers,
 * invoker, queues, ...). Roles (HTTP, delivery, callbacks) attach to a core and never build a
 * second one, so in one process the sync calls and the workers share one breaker per connection.
 */
export interface GatewayCore {
  config: GatewayConfig;
  catalog: Catalog;
  invoker: OperationInvoker;
  /** Owns a call (grant, quota, validation, run or enqueue) for HTTP, benches and tools. */
  pipeline: CallPipeline;
  breakers: CircuitBreakers;
  /** Per-consumer quotas in Redis; workers give a job's charge back when it ends. */
  quotas: QuotaLedger;
  /** Refuses async submits while Redis is above its share of maxmemory. */
  admission: MemoryAdmission;
  /** Per connection: the cap on sync calls in flight (its agent is in the transport). */
  bulkheads: ConnectionBulkheads;
  transport: HttpTransport;
  metrics: GatewayMetrics;
  cipher: JobDataCipher;
  connectionLog: ConnectionLogWriter;
  queues: JobQueues;
  callbacks: CallbackQueue;
  callbackSender: CallbackSender;
  /** Configured principals and their secret checks (scrypt cap, verified-pair cache). */
  consumers: ConsumerRegistry;
  /** Redis-shared brute-force throttle of `/token` and `/admin/login`. */
  loginThrottle: LoginThrottle;
  /** Access tokens (key ring, admission against config and revocations). */
  tokens: TokenService;
  /** Per-consumer revocation epochs shared through Redis. */
  revocations: RevocationStore;
  /** The audit trail: administrative acts, hash-chained in Redis (`audit.record(...)`). */
  audit: RedisAuditSink;
  http: AxiosInstance;
  redis: RedisClient;
  logger: Logger;
  /** Waits (bounded) for Redis; the gateway still serves sync calls if it never comes. */
  redisReady(timeoutMs?: number): Promise<boolean>;
  /** Breaker transitions as published to Redis (the dashboard's view across processes). */
  breakerStates: BreakerStateStore;
  /** Closes queues, flushes the connection log, stops the breakers and closes Redis. */
  close(): Promise<void>;
}

/** A core with the HTTP app built on it (tests drive `app` with supertest; it never listens). */
export interface GatewayParts extends GatewayCore {
  app: Express;
}

export function redisCheck(redis: RedisClient): HealthCheck {
  return {
    name: 'redis:responseTime',
    run: async () => {
      const started = performance.now();
      await Promise.race([
        redis.ping(),
        new Promise((_r, reject) => setTimeout(() => reject(new Error('Redis did not answer in 1 s')), 1000).unref()),
      ]);
      return `${Math.round(performance.now() - started)} ms`;
    },
  };
}

/** Delivery workers connected to the queues (any process); none is a warning: async requests wait. */
export function workersCheck(queues: JobQueues, serviceId: string): HealthCheck {
  return {
    name: 'workers:count',
    run: async () => {
      const queue = queues.queue(serviceId);
      const workers = queue ? (await queue.getWorkers()).length : 0;
      return { status: workers > 0 ? 'pass' : 'warn', observedValue: workers };
    },
  };
}

/** Breakers open in this process: a warning, the gateway itself is ready. */
export function breakersCheck(breakers: CircuitBreakers, serviceIds: readonly string[]): HealthCheck {
  return {
    name: 'breakers:open',
    run: async () => {
      const open = serviceIds.filter((id) => breakers.state(id) !== 'closed');
      return { status: open.length ? 'warn' : 'pass', observedValue: open.length ? open.join(',') : 0 };
    },
  };
}

/** Runs `task` once Redis answers (at once when it already does); its failure is the task's own to report. */
function whenReady(redis: RedisClient, task: () => Promise<unknown>): void {
  const run = (): void => void task().catch(() => undefined);
  if (redis.status === 'ready') run();
  else redis.once('ready', run);
}

/** A core and its HTTP app, for tests and tools that drive the app without listening. */
export function composeGateway(options: ComposeOptions = {}): GatewayParts {
  const core = composeCore(options);
  return { ...core, app: buildGatewayApp(core) };
}

/** The composition root: config → core, wired once. Starts no role and never listens. */
export function composeCore(options: ComposeOptions = {}): GatewayCore {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(env);
  const connectors = options.connectors ?? CONNECTOR_MAP;
  const config = loadConfig({ env, connectors, ...(options.configDir ? { dir: options.configDir } : {}) });
  const { settings } = config;
  configureXmlLimits(settings.xml);
  const catalog = new Catalog(config, connectors);
  const redis = connectRedis(redisTarget(settings.redis), 'request');
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const connectionLog = new ConnectionLogWriter(redis, logger.child({ component: 'connection-log' }), {
    keyPrefix: settings.redis.keyPrefix,
    retentionDays: settings.connectionLog.retentionDays,
    keys: settings.audit.keys,
  });
  const http = createHttpClient();
  const auths = createProviderAuths({ http, ngsp: settings.ngsp, providerAuth: settings.providerAuth });
  checkAuthProfiles(config.connections, auths);
  const transport = new HttpTransport(http, auths);
  const breakerStates = new BreakerStateStore(redis, settings.redis.keyPrefix, logger);
  const breakers = new CircuitBreakers(config.connections, logger.child({ component: 'breakers' }), (id, t) =>
    breakerStates.publish(id, t),
  );
  const cipher = new JobDataCipher(settings.queue.jobDataKeys);
  const quotaOf = new Map(config.consumers.map((c) => [c.id, c.quotas] as const));
  const idempotencyTtlSeconds = Math.max(settings.queue.keepCompleted.ageSeconds, settings.queue.keepFailed.ageSeconds);
  const quotas = new QuotaLedger(redis, settings.redis.keyPrefix, (id) => quotaOf.get(id), {
    idempotencyTtlSeconds,
    onRefused: (c, limit) => metrics.observeRateLimited(c, limit),
  });
  const admission = new MemoryAdmission(
    options.redisMemory ?? redisMemoryReader(redis),
    settings.admission,
    logger.child({ component: 'admission' }),
  );
  const submitLimits = { admission, ledger: quotas, digest: new BodyDigest(settings.queue.jobDataKeys[0]!.key) };
  const queues = new JobQueues(catalog, redis, settings.redis.keyPrefix, settings.queue, cipher, logger, submitLimits);
  const metrics = new GatewayMetrics({
    serviceIds: catalog.listConnections().map((c) => c.id),
    breakers,
    queues,
    queueCountsRefreshMs: settings.server.queueCountsRefreshMs,
  });
  const bulkheads = new ConnectionBulkheads(config.connections);
  bulkheads.registerMetrics(metrics.registry);
  const invoker = new OperationInvoker({
    transport,
    connectionLog,
    breakers,
    bulkheads,
    observers: [metrics],
    logger: logger.child({ component: 'invoker' }),
    province: settings.province,
  });
  const { consumers, loginThrottle } = createCredentialChecks({
    consumers: config.consumers,
    settings,
    redis,
    logger,
    registry: metrics.registry,
  });
  const audit = new RedisAuditSink(redis, logger.child({ component: 'audit' }), {
    keyPrefix: settings.redis.keyPrefix,
    keys: settings.audit.keys,
    retentionDays: settings.audit.retentionDays,
  });
  whenReady(redis, () => noticeAuditKey(redis, settings.redis.keyPrefix, settings.audit.keys[0]!.id, audit));
  const revocations = new RevocationStore(
    redis,
    { keyPrefix: settings.redis.keyPrefix, refreshMs: settings.auth.revocationRefreshMs },
    logger.child({ component: 'revocations' }),
  );
  const { signingKeys, tokenTtlSeconds, issuer, audience } = settings.auth;
  const tokens = new TokenService({
    keys: signingKeys,
    ttlSeconds: tokenTtlSeconds,
    issuer,
    audience,
    admission: new PrincipalAdmission(consumers, revocations),
  });
  whenReady(redis, () => noticeSigningKey(redis, settings.redis.keyPrefix, tokens.activeKeyId, audit));
  whenReady(redis, () => noticeConsumerCredentials(redis, settings.redis.keyPrefix, config.consumers, audit));
  const pipeline = new CallPipeline({ catalog, consumers, invoker, submitter: queues, quotas });
  const callbackTargets = new CallbackTargets(config.consumers);
  const callbackSender = new CallbackSender(callbackTargets, settings.callbacks);
  const callbacks = new CallbackQueue(redis, settings.redis.keyPrefix, settings.callbacks, callbackTargets, callbackSender, logger);
  return {
    config,
    catalog,
    invoker,
    pipeline,
    breakers,
    quotas,
    admission,
    bulkheads,
    transport,
    metrics,
    cipher,
    connectionLog,
    queues,
    callbacks,
    callbackSender,
    consumers,
    loginThrottle,
    tokens,
    revocations,
    audit,
    http,
    redis,
    logger,
    breakerStates,
    // Revocations made while this process was starting are known before it answers requests.
    redisReady: async (timeoutMs = 3000) => {
      if (!(await waitForRedis(redis, timeoutMs))) return false;
      await revocations.ready(timeoutMs);
      await revocations.refresh();
      return true;
    },
    async close() {
      await revocations.close();
      await queues.close();
      await callbacks.close();
      callbackSender.close();
      await connectionLog.close();
      await audit.close();
      breakers.shutdown();
      transport.destroy();
      redis.disconnect();
    },
  };
}

/** The HTTP app on a core: every route, wired to the core's parts. Never listens. */
export function buildGatewayApp(core: GatewayCore): Express {
  const {
    config,
    catalog,
    consumers,
    tokens,
    pipeline,
    queues,
    quotas,
    admission,
    breakers,
    breakerStates,
    logger,
    metrics,
    audit,
    loginThrottle,
    revocations,
    redis,
  } = core;
  const { settings } = config;
  const health = new ServiceHealth({ catalog, queues, breakerStates, redis, keyPrefix: settings.redis.keyPrefix });
  return buildApp({
    settings,
    catalog,
    consumers,
    tokens,
    pipeline,
    readinessChecks: [
      redisCheck(redis),
      { name: 'redis:admission', run: async () => (await admission.fresh(), admission.describe()) },
      workersCheck(queues, catalog.listConnections()[0]?.id ?? ''),
      breakersCheck(
        breakers,
        catalog.listConnections().map((c) => c.id),
      ),
    ],
    logger,
    metrics,
    audit,
    credentialChecker: loginThrottle,
    extraRouters: [
      jobsRoute(queues, tokens),
      adminLoginRoute(consumers, tokens, audit, revocations, loginThrottle),
      revocationRoute({ tokens, consumers, revocations, audit }),
      adminRoute({
        catalog,
        queues,
        tokens,
        health,
        log: new ConnectionLogReader(redis, settings.redis.keyPrefix),
        audit,
        auditLog: new AuditReader(redis, settings.redis.keyPrefix),
        quotaUse: () => quotas.usage(config.consumers.filter((c) => c.role === 'consumer').map((c) => c.id)),
      }),
      dashboardRoute({ tokens, queues, catalog }),
    ],
  });
}

function waitForRedis(redis: RedisClient, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
