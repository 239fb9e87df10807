import type { RedisClient } from '../infra/redis-connection';
import { throttleKey } from '../infra/redis-keys';

/** How failures turn into locks: `failures` in a row within the window lock for `base × 2^k`, capped. */
export interface BackoffPolicy {
  /** Failures (within the window) tolerated before the first lock. */
  failures: number;
  /** How long failures are remembered after the last one (or after the lock ends). */
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

/*
 * One hash per subject: `n` failures, `until` the end of the lock (Redis TIME, so every process
 * agrees whatever its clock). A failure during a lock is not counted (the caller was refused
 * unchecked), so a locked client id cannot be locked further by a flood of refused requests.
 */
const FAIL_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local threshold, windowMs, base, cap = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local lockMs = 0
if n >= threshold then
  lockMs = math.min(base * math.pow(2, math.min(n - threshold, 40)), cap)
  redis.call('HSET', KEYS[1], 'until', now + lockMs)
end
redis.call('PEXPIRE', KEYS[1], windowMs + lockMs)
return lockMs
`;

/*
 * A subject past its threshold whose lock has ended gets one attempt, not one per waiting
 * connection: the check holds the subject for the current lock length at once, and that
 * attempt's failure sets the next, longer lock (its success clears the subject).
 */
const CHECK_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if untilMs > now then return untilMs - now end
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local threshold, base, cap = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if n >= threshold then
  local hold = math.min(base * math.pow(2, math.min(n - threshold, 40)), cap)
  redis.call('HSET', KEYS[1], 'until', now + hold)
  if redis.call('PTTL', KEYS[1]) < hold then redis.call('PEXPIRE', KEYS[1], hold) end
end
return 0
`;

type ScriptCommand = (key: string, ...args: Array<string | number>) => Promise<number>;

function command(redis: RedisClient, name: string, lua: string): ScriptCommand {
  const commands = redis as unknown as Record<string, ScriptCommand | undefined>;
  if (typeof commands[name] !== 'function') redis.defineCommand(name, { numberOfKeys: 1, lua });
  return (commands[name] as ScriptCommand).bind(redis);
}

/**
 * Failure counts and growing locks per subject, kept in Redis so every gateway process sees the
 * same count. One key per call (no multi-key script), so it also runs on a Redis Cluster.
 * Every method rejects when Redis does not answer; the caller decides to fail open.
 */
export class FailureBackoff {
  private readonly failCmd: ScriptCommand;
  private readonly checkCmd: ScriptCommand;

  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
  ) {
    this.failCmd = command(redis, 'lgspThrottleFail', FAIL_LUA);
    this.checkCmd = command(redis, 'lgspThrottleCheck', CHECK_LUA);
  }

  /** Milliseconds the subject stays locked (0: not locked; past the threshold, this attempt then holds it). */
  lockedFor(subject: string, policy: BackoffPolicy): Promise<number> {
    return this.checkCmd(throttleKey(this.keyPrefix, subject), policy.failures, policy.baseLockMs, policy.maxLockMs).then(Number);
  }

  /** Counts one failure; resolves to the lock it caused in milliseconds (0: none yet). */
  fail(subject: string, policy: BackoffPolicy): Promise<number> {
    return this.failCmd(throttleKey(this.keyPrefix, subject), policy.failures, policy.windowMs, policy.baseLockMs, policy.maxLockMs).then(
      Number,
    );
  }

  /** Forgets the subject's failures (a correct secret for that client id). */
  async clear(subject: string): Promise<void> {
    await this.redis.del(throttleKey(this.keyPrefix, subject));
  }
}
