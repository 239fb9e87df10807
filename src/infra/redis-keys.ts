/**
 * Every Redis key the gateway writes, named in one place. Each function takes the configured
 * key prefix (`redis.keyPrefix`, [a-z0-9-]) and the ids of its family. Renaming a key here
 * strands what the running system already wrote, so it is a migration, not a refactor;
 * test/infra/redis-keys.test.ts pins every family's current string to make that deliberate.
 *
 * Redis Cluster: keys that one script, transaction or pipeline touches must share a hash slot,
 * so each family carries a hash tag (the part in braces, which alone decides the slot). A
 * connection's keys carry its id, `{<connection>}`: its BullMQ queue (jobs, stored inputs),
 * its log stream with chain head, minute stats and last outcome (written by one script), its
 * breaker state and history. The callback queue and its outbox carry `{callbacks}`; the
 * ledgers written together carry `{quota}`, `{auth}` and `{audit}`. So the connections spread
 * over the masters, each connection on one; on a single Redis the tags cost nothing.
 * test/infra/redis-keys checks that every group written together hashes to one slot.
 */

/** The queue of callbacks to consumers (one queue, every consumer). */
export const CALLBACK_QUEUE = 'callbacks';

/**
 * BullMQ's `prefix` option for one queue: BullMQ names that queue's keys
 * `<queuePrefix>:<queue>:<suffix>` (jobs, lists, events, limiter) and owns their lifetime.
 * Delivery queues are named after their connection (serviceId); the callback queue is
 * CALLBACK_QUEUE. Every Queue and Worker takes its prefix from here.
 */
export const queuePrefix = (keyPrefix: string, queue: string): string => `${keyPrefix}:q:{${queue}}`;

/** The base of one BullMQ queue's keys (`Queue.toKey('')` without its trailing colon). */
export const queueKey = (keyPrefix: string, queue: string): string => `${queuePrefix(keyPrefix, queue)}:${queue}`;

/** A job's hash, as BullMQ names it (`Queue.toKey(jobId)`); kept until BullMQ trims the job. */
export const jobKey = (keyPrefix: string, queue: string, jobId: string): string => `${queueKey(keyPrefix, queue)}:${jobId}`;

/**
 * A job's large sealed input, beside the job (claim check): under the job's key, so it shares
 * the queue's prefix and, on a cluster, its slot. No expiry while the job may run; deleted on
 * delivery; a dead letter's expires some time after the job would be trimmed.
 */
export const storedInputKey = (jobHashKey: string): string => `${jobHashKey}:lgsp-input`;

/** One write of a stored input in progress, renamed onto storedInputKey when whole; expires if its writer dies. */
export const storedInputPartKey = (jobHashKey: string, writeId: string): string => `${storedInputKey(jobHashKey)}:part:${writeId}`;

/** Callback notices not yet known to be taken (sorted set by due time); an entry goes once the consumer takes it. */
export const callbackOutboxKey = (keyPrefix: string): string => `${queueKey(keyPrefix, CALLBACK_QUEUE)}:outbox`;

/**
 * The quota ledger. Every key carries the `{quota}` hash tag: the submit script touches a
 * consumer's bucket, use, the jobs hash and an idempotency key at once, and the release script
 * builds use keys from usePrefix, so on a cluster they must all sit on one slot.
 */
export const quotaKeys = (keyPrefix: string) => ({
  /** Token bucket of one consumer and kind (`sync` or `async`): hash {tokens, ts}; refilled, never expires. */
  bucket: (consumer: string, kind: 'sync' | 'async'): string => `${keyPrefix}:{quota}:bucket:${kind}:${consumer}`,
  /** A consumer's use: hash {`w:<serviceId>`: unfinished jobs, `bytes`: their sealed input}; fields drop as jobs end. */
  use: (consumer: string): string => `${keyPrefix}:{quota}:use:${consumer}`,
  /** What each unfinished job was charged: hash jobId → `consumer\tserviceId\tbytes`; a field per job until it ends. */
  jobs: (): string => `${keyPrefix}:{quota}:jobs`,
  /** The body digest stored with an idempotent submit; expires with the idempotency window. */
  idempotency: (jobId: string): string => `${keyPrefix}:{quota}:idem:${jobId}`,
  /** The use key without its consumer, for the release script. */
  usePrefix: (): string => `${keyPrefix}:{quota}:use:`,
});

/** Failed-login state of one subject (`client:<digest>` or `source:<address>`): hash {n, until}; expires after window + lock. */
export const throttleKey = (keyPrefix: string, subject: string): string => `${keyPrefix}:throttle:${subject}`;

/** One connection's exchange log: a stream, trimmed to the retention by id (time). */
export const connectionLogKey = (keyPrefix: string, serviceId: string): string => `${keyPrefix}:log:{${serviceId}}`;

/** Id and hash of the newest record of a connection's log chain; written with the stream in one script. */
export const connectionLogHeadKey = (keyPrefix: string, serviceId: string): string => `${connectionLogKey(keyPrefix, serviceId)}:head`;

/** One connection's counters and latency histogram for one minute (epoch minutes): hash, expires after two hours. */
export const connectionStatsKey = (keyPrefix: string, serviceId: string, minute: number): string =>
  `${connectionLogKey(keyPrefix, serviceId)}:stats:${minute}`;

/** When a connection last succeeded and failed (and how): hash, overwritten, never expires. */
export const connectionLastKey = (keyPrefix: string, serviceId: string): string => `${connectionLogKey(keyPrefix, serviceId)}:last`;

/** The audit trail: a stream, trimmed to the audit retention by id (time). */
export const auditStreamKey = (keyPrefix: string): string => `${keyPrefix}:{audit}`;

/** Id and hash of the newest audit record; written with the stream in one script. */
export const auditHeadKey = (keyPrefix: string): string => `${auditStreamKey(keyPrefix)}:head`;

/** Id of the audit key that signed last, so a rotation is audited once; never expires. */
export const auditKeyIdKey = (keyPrefix: string): string => `${auditStreamKey(keyPrefix)}:key-id`;

/** Id of the token signing key in use, so a rotation is audited once; never expires. */
export const signingKeyIdKey = (keyPrefix: string): string => `${keyPrefix}:{auth}:signing-key-id`;

/**
 * Per consumer and credential (`<consumer>:callback-keys`, `<consumer>:secret-hash`), a mark of the
 * credential the last process to start saw: key ids and a digest, never a key. Hash; never expires.
 */
export const consumerCredentialsKey = (keyPrefix: string): string => `${keyPrefix}:{auth}:consumer-credentials`;

/** Per consumer, when its tokens were last revoked: hash consumerId → ms; never expires. */
export const revocationsKey = (keyPrefix: string): string => `${keyPrefix}:{auth}:revocations`;

/** Pub/sub channel announcing a consumer's revocation to every process (a channel, not a stored key). */
export const revocationsChannel = (keyPrefix: string): string => `${keyPrefix}:auth:revocations:announce`;

/** Single revoked tokens: sorted set jti → the token's expiry; entries past it are removed on refresh. */
export const revokedTokensKey = (keyPrefix: string): string => `${keyPrefix}:{auth}:revoked-tokens`;

/** Pub/sub channel announcing a revoked token to every process (a channel, not a stored key). */
export const revokedTokensChannel = (keyPrefix: string): string => `${keyPrefix}:auth:revoked-tokens:announce`;

/** A connection's breaker state as last published by any process: hash {state, at}; never expires. */
export const breakerStateKey = (keyPrefix: string, serviceId: string): string => `${keyPrefix}:breaker:{${serviceId}}`;

/** A connection's latest breaker transitions from every process: list, capped on each write. */
export const breakerHistoryKey = (keyPrefix: string, serviceId: string): string => `${breakerStateKey(keyPrefix, serviceId)}:history`;
