import { ConfigError, ProductionSecretsError } from '../config/config-error';
import { recordStartupRefusal } from './record-startup-refusal';

/**
 * How an entry point ends when it cannot start: the whole configuration message (every
 * problem, never a value or a stack), then the error's exit status: 78 for a production-mode
 * refusal, 1 otherwise. A production refusal is also put on the audit trail when Redis answers
 * within a second; that attempt never delays the refusal by more.
 */
export async function refuseStart(role: string, err: unknown, env: NodeJS.ProcessEnv = process.env): Promise<never> {
  console.error(err instanceof ConfigError ? err.message : `${role} failed to start: ${(err as Error).message}`);
  if (err instanceof ProductionSecretsError) await recordStartupRefusal(err, role, env);
  process.exit(err instanceof ConfigError ? err.exitCode : 1);
}
