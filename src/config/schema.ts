import { z } from 'zod';
import { parseHostPorts } from '../infra/redis-connection';
import { AUTH_PROFILES } from '../provider-auth/provider-auth';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a kebab-case id');
const positiveInt = z.number().int().positive();

/** "host:port,host:port" (empty: none) as a list. */
const hostPortList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    try {
      return parseHostPorts(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });
const emptyIsNone = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

/**
 * Where Redis is: one server (`url`), a Redis Cluster (`clusterNodes`, some of its masters) or a
 * master watched by Sentinels (`sentinels` + `sentinelMaster`; `url` then gives only the db).
 */
export const redisSchema = z
  .strictObject({
    url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
    clusterNodes: hostPortList,
    sentinels: hostPortList,
    sentinelMaster: z.string().min(1).default('mymaster'),
    /** Cluster nodes' and the Sentinel-managed master's credentials (a single Redis takes them from its url). */
    username: emptyIsNone,
    password: emptyIsNone,
    sentinelPassword: emptyIsNone,
    /** TLS to the cluster nodes (a single Redis says rediss:// in its url). */
    tls: z
      .union([z.boolean(), z.enum(['true', 'false', ''])])
      .default(false)
      .transform((v) => v === true || v === 'true'),
    keyPrefix: z.string().regex(/^[a-z0-9-]+$/, 'letters, digits and dashes only'),
  })
  .refine((r) => r.clusterNodes.length === 0 || r.sentinels.length === 0, {
    message: 'set clusterNodes (REDIS_CLUSTER_NODES) or sentinels (REDIS_SENTINELS), not both',
  });
export type RedisSettings = z.output<typeof redisSchema>;

export const breakerSchema = z.strictObject({
  /** Calls in the rolling window before the error rate may open the breaker. */
  volumeThreshold: positiveInt,
  errorThresholdPercentage: z.number().min(1).max(100),
  resetTimeoutMs: positiveInt,
  rollingCountTimeoutMs: positiveInt,
  /** Failures in a row that open the breaker at once, whatever the window's error rate (a busy connection whose provider just went down). */
  consecutiveFailures: positiveInt,
});

export const retrySchema = z.strictObject({
  attempts: z.number().int().min(1).max(100),
  backoffMs: positiveInt,
  maxBackoffMs: positiveInt,
});

/**
 * A connection's bulkhead: its own HTTP agent and a cap on its sync calls in flight, so a slow
 * provider holds only its own sockets and callers (issue 12). Per gateway process.
 */
export const bulkheadSchema = z.strictObject({
  /** Sockets of the connection's own agent (sync calls and this process's delivery workers together). */
  maxSockets: positiveInt,
  /** Sync calls in flight at once; one more answers `503 Server.Gateway.ConnectionBusy` at once. Async deliveries do not count (worker `concurrency` bounds them). */
  maxConcurrentSync: positiveInt,
});

const connectionDefaultsSchema = z.strictObject({
  timeoutMs: positiveInt,
  concurrency: positiveInt,
  breaker: breakerSchema,
  retry: retrySchema,
  bulkhead: bulkheadSchema,
});

export const operationConfigSchema = z.strictObject({
  id,
  mode: z.enum(['sync', 'async']),
  description: z.string().optional(),
  example: z.record(z.string(), z.unknown()),
});

export const connectionConfigSchema = z.strictObject({
  id,
  name: z.string().min(1),
  provider: z.string().min(1),
  direction: z.enum(['ngsp', 'internal']),
  protocol: z.enum(['soap', 'rest', 'dvcqg', 'edxml']),
  url: z.url({ protocol: /^https?$/ }),
  /** The provider family's way of authenticating the gateway (`ngsp` is the older name of `ngsp-wso2`). */
  auth: z.preprocess((v) => (v === 'ngsp' ? 'ngsp-wso2' : v), z.enum(AUTH_PROFILES)),
  timeoutMs: positiveInt.optional(),
  concurrency: positiveInt.optional(),
  breaker: breakerSchema.partial().optional(),
  retry: retrySchema.partial().optional(),
  bulkhead: bulkheadSchema.partial().optional(),
  /** Connector-specific settings, validated by the connector's own schema. */
  options: z.record(z.string(), z.unknown()).default({}),
  operations: z.array(operationConfigSchema).min(1),
});

export const catalogSchema = z
  .strictObject({
    defaults: connectionDefaultsSchema,
    connections: z.array(connectionConfigSchema).min(1),
  })
  .superRefine(checkBulkheads);

/** A sync call admitted by the cap must never wait for a socket behind its own connection's calls (that wait would count against the provider's breaker). */
function checkBulkheads(
  catalog: { defaults: z.infer<typeof connectionDefaultsSchema>; connections: Array<z.infer<typeof connectionConfigSchema>> },
  ctx: z.RefinementCtx,
): void {
  catalog.connections.forEach((c, i) => {
    const b = { ...catalog.defaults.bulkhead, ...c.bulkhead };
    const workers = c.concurrency ?? catalog.defaults.concurrency;
    if (b.maxSockets < b.maxConcurrentSync + workers) {
      ctx.addIssue({
        code: 'custom',
        path: ['connections', i, 'bulkhead', 'maxSockets'],
        message: `${c.id}: maxSockets (${b.maxSockets}) must be at least maxConcurrentSync (${b.maxConcurrentSync}) + concurrency (${workers})`,
      });
    }
  });
}

const callbackKey = z.string().min(32, 'must be at least 32 characters');

/** Where a consumer's callbacks go and the HMAC keys that sign them (shared with that consumer only). */
const consumerCallbackFields = {
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The consumer's signing key; required beside `callbackUrl` unless `callbackSigningKeys` is given. */
  callbackSigningKey: callbackKey.optional(),
  /** During a rotation: every key listed signs (one `v1=` each), so the consumer may hold either. */
  callbackSigningKeys: z
    .array(z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only'), key: callbackKey }))
    .min(1)
    .refine((ring) => new Set(ring.map((k) => k.id)).size === ring.length, 'key ids must be unique')
    .optional(),
};

function checkCallbackKeys(
  c: { callbackUrl?: string | undefined; callbackSigningKey?: string | undefined; callbackSigningKeys?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (c.callbackSigningKey !== undefined && c.callbackSigningKeys !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['callbackSigningKeys'], message: 'give callbackSigningKey or callbackSigningKeys, not both' });
  }
  if (c.callbackUrl !== undefined && c.callbackSigningKey === undefined && c.callbackSigningKeys === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['callbackSigningKey'],
      message: 'is required beside callbackUrl (callbacks are signed per consumer)',
    });
  }
}

/**
 * A consumer's quotas, shared by every gateway process through Redis (`src/limits/quota-*`).
 * Rates are token buckets (sustained per second, burst); the other two bound what one consumer
 * may leave in Redis. Env values arrive as strings, hence coerce.
 */
export const quotaSchema = z.strictObject({
  syncPerSecond: z.coerce.number().positive().default(100),
  syncBurst: z.coerce.number().int().positive().default(200),
  asyncPerSecond: z.coerce.number().positive().default(100),
  asyncBurst: z.coerce.number().int().positive().default(200),
  /** Unfinished jobs (queued, retrying or running) of this consumer on one connection. */
  waitingJobsPerConnection: z.coerce.number().int().positive().default(10_000),
  /** Sealed input bytes of this consumer's unfinished jobs, all connections together. */
  bytesQueued: z.coerce.number().int().positive().default(268_435_456),
});

export const consumerSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    role: z.enum(['consumer', 'operator']),
    quotas: quotaSchema.prefault({}),
    /** `scrypt$N$r$p$saltB64$hashB64`, made by `npm run hash-secret`. */
    secretHash: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be a scrypt hash from `npm run hash-secret`'),
    services: z.array(id).default([]),
    ...consumerCallbackFields,
  })
  .superRefine(checkCallbackKeys);

export const consumersSchema = z.strictObject({
  consumers: z.array(consumerSchema).min(1),
});

const secret = z.string().min(1);

export const providerAuthSchema = z.strictObject({
  /** DVCQG adapter: a login gives a session that goes inside every envelope. */
  dvcqgSession: z.strictObject({ loginUrl: z.url({ protocol: /^https?$/ }), username: secret, password: secret }),
  /** National document axis (VXP): HMAC-SHA256 over the signed `XroadVnpt-*` headers. */
  vxpHmac: z.strictObject({ systemId: secret, secret }),
  /** Population database (C06) called directly: timestamped SHA-256 Basic, ApiKey, X-Road-Client. */
  c06Basic: z.strictObject({ username: secret, secret, apiKey: secret, xRoadClient: secret }),
  /** VNPT-built LGSPs: the `lgspaccesstoken` header beside the bearer. */
  lgspAccessToken: z.strictObject({
    tokenUrl: z.url({ protocol: /^https?$/ }),
    accessKey: secret,
    secretKey: secret,
    appName: secret,
    partnerCode: secret,
    partnerCodeCus: secret,
  }),
});

/** `trust proxy` from YAML or the environment, where every value arrives as a string. */
function parseTrustProxy(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** One key of the job-data ring: 32 random bytes in base64 (`openssl rand -base64 32`). */
export const jobDataKeySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - only, at most 32'),
  key: z.string().refine((k) => /^[A-Za-z0-9+/]+={0,2}$/.test(k) && Buffer.from(k, 'base64').length === 32, 'must be 32 bytes in base64'),
});

const count = z.coerce.number().int().positive();

/** Brute-force protection of `/token` and `/admin/login` (see `src/limits/login-throttle.ts`). */
export const throttleSchema = z.strictObject({
  /** Failures are remembered this long after the last one (plus any lock). */
  windowSeconds: count.default(900),
  /** The first lock lasts this long; each further failure doubles it. */
  baseLockMs: count.default(1000),
  maxLockSeconds: count.default(900),
  /** Failures for one client id before it is locked (any id, known or not, so 429 does not reveal which exist). */
  perClient: z.strictObject({ failures: count.default(5) }).prefault({}),
  /** Failures from one source address (IPv6: its /64) before it is locked; higher, as offices share NAT addresses. */
  perSource: z.strictObject({ failures: count.default(20) }).prefault({}),
  /** Redis slower than this counts as away: the throttle fails open. */
  redisTimeoutMs: count.default(250),
  /** scrypt checks per process: at once, and waiting for a slot (beyond: refused at once). */
  secretChecks: z.strictObject({ maxConcurrent: count.default(2), maxWaiting: z.coerce.number().int().min(0).default(32) }).prefault({}),
  /** Recently verified (id, secret) pairs, kept as HMACs: a hit costs no scrypt. maxEntries 0 turns it off. */
  verifiedCache: z.strictObject({ maxEntries: z.coerce.number().int().min(0).default(1000), ttlSeconds: count.default(300) }).prefault({}),
});

/** Bounds on every XML document parsed (ready-made edXML, provider answers), enforced while it streams. */
export const xmlLimitsSchema = z.strictObject({
  maxDepth: count.default(64),
  maxElements: count.default(100_000),
  maxAttributes: count.default(64),
  /** Characters of text in one element; edXML attachment data is streamed and bounded by xmlBodyLimitBytes instead. */
  maxTextChars: count.default(1_048_576),
});

export const gatewaySettingsSchema = z.strictObject({
  server: z.strictObject({
    jsonBodyLimitBytes: positiveInt,
    xmlBodyLimitBytes: positiveInt,
    maxJsonDepth: positiveInt,
    requestTimeoutMs: positiveInt,
    keepAliveTimeoutMs: positiveInt,
    /** A request's headers must arrive within this (slowloris); capped by requestTimeoutMs. */
    headersTimeoutMs: z.coerce.number().int().positive().default(20_000),
    /**
     * Express `trust proxy`: `false` (direct), a hop count, or the proxies' addresses/subnets
     * (`loopback, 10.0.0.0/8`). Decides `req.ip` (audited) and `req.secure` (Secure cookies).
     */
    trustProxy: z.preprocess(parseTrustProxy, z.union([z.boolean(), z.number().int().min(0), z.string().min(1)])).default(false),
    /**
     * Who may read `/metrics` and `/ready`: `none` (anyone who reaches the port), or `bearer`
     * (an operator's access token, or `metricsToken` — a static scrape token from the env).
     */
    metricsAuth: z.enum(['none', 'bearer']).default('none'),
    metricsToken: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(24, 'at least 24 characters').optional()),
    /** How old the queue counts in `/metrics` may be: refreshed in the background, never per scrape. */
    queueCountsRefreshMs: positiveInt.default(5000),
  }),
  xml: xmlLimitsSchema.prefault({}),
  auth: z.strictObject({
    tokenTtlSeconds: positiveInt,
    /** `iss` and `aud` of the gateway's tokens: a token made for another gateway is refused. */
    issuer: z.string().min(1),
    audience: z.string().min(1),
    /** The token key ring: the first key signs, every key verifies (rotation without downtime). */
    signingKeys: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only'),
          key: z.string().min(32, 'must be at least 32 characters'),
        }),
      )
      .min(1)
      .refine((ring) => new Set(ring.map((k) => k.id)).size === ring.length, 'key ids must be unique'),
    /** Bound on how late a revocation reaches a process that missed its pub/sub announcement. */
    revocationRefreshMs: z.coerce.number().int().min(100).default(5000),
  }),
  ngsp: z.strictObject({
    tokenUrl: z.url({ protocol: /^https?$/ }),
    consumerKey: z.string().min(1),
    consumerSecret: z.string().min(1),
    /** Refresh the platform token this many seconds before it expires. */
    refreshMarginSeconds: z.number().int().min(0),
  }),
  /** Credentials of the provider families that do not take the platform's bearer token. */
  providerAuth: providerAuthSchema,
  province: z.strictObject({
    name: z.string().min(1),
    agencyCode: z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'must look like 000.00.00.H06'),
  }),
  redis: redisSchema,
  connectionLog: z.strictObject({
    retentionDays: positiveInt,
  }),
  queue: z.strictObject({
    /** How long a worker's hold on a job lasts without renewal; a killed worker's jobs come back after it. */
    lockDurationMs: z.coerce.number().int().min(1000),
    /** How often workers look for jobs whose holder died. */
    stalledIntervalMs: z.coerce.number().int().min(500),
    keepCompleted: z.strictObject({ ageSeconds: positiveInt, count: positiveInt }),
    keepFailed: z.strictObject({ ageSeconds: positiveInt, count: positiveInt }),
    /** Dead letters read and replayed per round trip: a "replay all" never loads every failed job at once. */
    replayBatchSize: positiveInt.max(5000).default(500),
    /**
     * Inputs whose JSON may be longer than this (characters) are sealed in slices and kept beside
     * their job instead of inside it, so a 20 MiB document does not hold the event loop.
     */
    storeInputAboveChars: positiveInt.default(64 * 1024),
    /**
     * AES-256-GCM keys for callers' input and providers' answers inside jobs (BullMQ stores both
     * in clear). A key ring: the first entry seals, every entry opens; the id goes into each blob.
     */
    jobDataKeys: z
      .array(jobDataKeySchema)
      .min(1, 'needs at least one key')
      .refine((ring) => new Set(ring.map((k) => k.id)).size === ring.length, 'key ids must be unique'),
    /** Deadline for running jobs when a worker stops. */
    shutdownDeadlineMs: z.coerce.number().int().min(100),
  }),
  callbacks: z
    .strictObject({
      attempts: positiveInt,
      backoffMs: positiveInt,
      timeoutMs: positiveInt,
      /** Retried callbacks sent at once by one worker process (consumers' endpoints are slow, not busy). */
      concurrency: positiveInt,
      /** How old a signature's `t` a consumer should accept (replays older than this are refused); documented to consumers. */
      signatureToleranceSeconds: positiveInt.default(300),
    })
    // A POST that may take longer than the window could arrive with a signature the consumer already deems stale.
    .refine((c) => c.timeoutMs < c.signatureToleranceSeconds * 1000, {
      path: ['timeoutMs'],
      message: 'must be shorter than signatureToleranceSeconds',
    }),
  /**
   * Async submits are refused (503) once Redis uses this share of its `maxmemory`, so the
   * connection log, callbacks and the audit trail keep room. No `maxmemory` → admission off.
   */
  admission: z
    .strictObject({
      maxMemoryShare: z.coerce.number().gt(0).max(1).default(0.8),
      /** How old the INFO memory reading may be. */
      refreshMs: z.coerce.number().int().min(100).default(1000),
      retryAfterSeconds: z.coerce.number().int().positive().default(30),
    })
    .prefault({}),
  /** The audit trail and the connection log's chains. */
  audit: z.strictObject({
    /** HMAC key ring of every chain: the first key signs, every key verifies; its id goes into each record. */
    keys: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only'),
          key: z.string().min(32, 'must be at least 32 characters'),
        }),
      )
      .min(1, 'needs at least one key')
      .refine((ring) => new Set(ring.map((k) => k.id)).size === ring.length, 'key ids must be unique'),
    /** Audit records older than this are trimmed (the chain stays verifiable from the oldest kept). */
    retentionDays: positiveInt,
  }),
  throttle: throttleSchema.prefault({}),
});

export type BreakerSettings = z.infer<typeof breakerSchema>;
export type RetrySettings = z.infer<typeof retrySchema>;
export type BulkheadSettings = z.infer<typeof bulkheadSchema>;
export type OperationConfig = z.infer<typeof operationConfigSchema>;
export type RawConnectionConfig = z.infer<typeof connectionConfigSchema>;
/** `quotas` is always filled when loaded from config; a consumer built by hand without it has no quota. */
export type ConsumerConfig = Omit<z.infer<typeof consumerSchema>, 'quotas'> & { quotas?: z.infer<typeof quotaSchema> };
export type QuotaSettings = z.infer<typeof quotaSchema>;
export type AdmissionSettings = GatewaySettings['admission'];
export type GatewaySettings = z.infer<typeof gatewaySettingsSchema>;
export type ProviderAuthSettings = z.infer<typeof providerAuthSchema>;
export type QueueSettings = GatewaySettings['queue'];

/** A connection with the catalog's defaults applied. */
export interface ConnectionConfig extends Omit<RawConnectionConfig, 'timeoutMs' | 'concurrency' | 'breaker' | 'retry' | 'bulkhead'> {
  timeoutMs: number;
  concurrency: number;
  breaker: BreakerSettings;
  retry: RetrySettings;
  bulkhead: BulkheadSettings;
}

export interface GatewayConfig {
  settings: GatewaySettings;
  connections: readonly ConnectionConfig[];
  consumers: readonly ConsumerConfig[];
}
