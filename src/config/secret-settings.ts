/**
 * Every secret setting of the gateway, so that production mode (`production-check.ts`) can refuse
 * shipped development values and short keys. A part that adds or renames a secret setting adds
 * its entry here: a secret missing from this list would run in production on its dev value
 * (a test walks the shipped config and fails on any secret-looking setting not listed).
 *
 * `path` is dotted inside `file`; `*` matches every item of a list (key rings, consumers,
 * connections). An entry that matches nothing is harmless (e.g. an optional or renamed key).
 */
import { hashesPublishedDevSecret } from './published-dev-secret';

export type ConfigFile = 'gateway.yaml' | 'consumers.yaml' | 'catalog.yaml';

export interface SecretSetting {
  file: ConfigFile;
  path: string;
  /** Shortest value accepted in production. */
  minLength: number;
  /** What the secret protects, named in the refusal and in SECURITY.md. */
  protects: string;
  /** Empty means "not used" (a Redis without a password on a closed network), not a refusal. */
  optional?: boolean;
  /** A development value not written in the config (e.g. a hash of a published secret); `owner` is the item's id. */
  isPublishedDevValue?: (value: string, owner: string | undefined) => boolean;
}

/** Keys the gateway makes itself: long random values (`openssl rand -base64 32` is 44 characters). */
const OWN_KEY = 32;
/** Credentials issued to us by a provider: we cannot choose their length, only refuse trivial ones. */
const ISSUED = 8;

export const SECRET_SETTINGS: readonly SecretSetting[] = [
  // Access tokens, a key ring of { id, key } (the first signs, all verify).
  { file: 'gateway.yaml', path: 'auth.signingKeys.*.key', minLength: OWN_KEY, protects: 'access tokens (HMAC signing key ring)' },
  // Sealed job data (base64 of 32 bytes is 44 characters).
  {
    file: 'gateway.yaml',
    path: 'queue.jobDataKeys.*.key',
    minLength: 44,
    protects: 'personal data inside queued jobs (AES-256-GCM key ring)',
  },
  // Callbacks, one key per consumer (a ring of { id, key } while rotating; every key signs).
  {
    file: 'consumers.yaml',
    path: 'consumers.*.callbackSigningKey',
    minLength: OWN_KEY,
    protects: "a consumer's callback signatures (HMAC key)",
  },
  {
    file: 'consumers.yaml',
    path: 'consumers.*.callbackSigningKeys.*.key',
    minLength: OWN_KEY,
    protects: "a consumer's callback signatures (HMAC key ring)",
  },
  // The audit trail and the connection log's chain.
  { file: 'gateway.yaml', path: 'audit.keys.*.key', minLength: OWN_KEY, protects: 'the audit trail (HMAC key ring)' },
  // Consumers' client secrets: a shipped hash lets anyone who read the README log in.
  {
    file: 'consumers.yaml',
    path: 'consumers.*.secretHash',
    minLength: 1,
    protects: "a consumer's client secret (scrypt hash)",
    isPublishedDevValue: hashesPublishedDevSecret,
  },
  // Credentials towards the national platform and the provider families.
  { file: 'gateway.yaml', path: 'ngsp.consumerSecret', minLength: ISSUED, protects: 'the NGSP client credentials' },
  { file: 'gateway.yaml', path: 'providerAuth.dvcqgSession.password', minLength: ISSUED, protects: 'the DVCQG session login' },
  { file: 'gateway.yaml', path: 'providerAuth.vxpHmac.secret', minLength: ISSUED, protects: 'the document axis (VXP) HMAC headers' },
  { file: 'gateway.yaml', path: 'providerAuth.c06Basic.secret', minLength: ISSUED, protects: 'the C06 signed Basic header' },
  { file: 'gateway.yaml', path: 'providerAuth.c06Basic.apiKey', minLength: ISSUED, protects: 'the C06 API key' },
  { file: 'gateway.yaml', path: 'providerAuth.lgspAccessToken.accessKey', minLength: ISSUED, protects: 'the VNPT LGSP access key' },
  { file: 'gateway.yaml', path: 'providerAuth.lgspAccessToken.secretKey', minLength: ISSUED, protects: 'the VNPT LGSP secret key' },
  // Redis credentials of cluster nodes or the Sentinel-managed master (a single server's are in redis.url).
  {
    file: 'gateway.yaml',
    path: 'redis.password',
    minLength: ISSUED,
    optional: true,
    protects: 'Redis (queued requests, logs, audit trail)',
  },
  { file: 'gateway.yaml', path: 'redis.sentinelPassword', minLength: ISSUED, optional: true, protects: 'the Redis Sentinels' },
  {
    file: 'catalog.yaml',
    path: 'connections.*.options.maBiMat',
    minLength: ISSUED,
    protects: 'the online payment platform (DVCQG) partner secret',
  },
];
