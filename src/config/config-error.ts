import type { RedisConnectionSettings } from '../infra/redis-connection';

/** A configuration that cannot run, with every problem found (not just the first). */
export class ConfigError extends Error {
  /** The process exit status an entry point uses for this refusal. */
  readonly exitCode: number = 1;

  constructor(
    readonly problems: readonly string[],
    headline = 'Invalid configuration',
  ) {
    super(`${headline} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The audit trail as the refused configuration names it (values not validated beyond their shape). */
export interface RefusalAuditTarget {
  /** How to reach the Redis holding the trail (one server, a cluster or Sentinels). */
  redis: RedisConnectionSettings;
  keyPrefix: string;
  keys: ReadonlyArray<{ id: string; key: string }>;
  retentionDays: number;
}

/**
 * Production mode refused the configuration: a secret setting holds a shipped development
 * value or is too short. Exits with 78 (EX_CONFIG of sysexits.h) so that supervisors and
 * tests tell it from a crash.
 */
export class ProductionSecretsError extends ConfigError {
  static readonly EXIT_CODE = 78;
  override readonly exitCode = ProductionSecretsError.EXIT_CODE;
  readonly code = 'LGSP_PRODUCTION_SECRETS';

  constructor(
    problems: readonly string[],
    /** The settings refused, `file: path`, for the audit trail (never their values). */
    readonly settings: readonly string[],
    /** Where and how to record the refusal on the audit trail; absent when the audit key itself was refused. */
    readonly audit?: RefusalAuditTarget,
  ) {
    super(
      problems,
      'NODE_ENV=production refuses to start: replace the development secrets and short keys below (see SECURITY.md and deploy/lgsp.env.example)',
    );
    this.name = 'ProductionSecretsError';
  }
}
