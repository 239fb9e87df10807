/**
 * Lua of the quotas: each decision is one script, so several gateway processes share a quota
 * without races and a submit costs one round trip. Time is Redis's own (TIME), not a process's.
 */

/** Refills a token bucket (KEYS[1]) at ARGV[1]/s up to ARGV[2]; sets `tokens` to what is left. */
const BUCKET = `
local function bucket(key, rate, burst, now)
  local b = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(b[1]) or burst
  local ts = tonumber(b[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000)
  return tokens
end
local function save(key, tokens, rate, burst, now)
  redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(now))
  redis.call('PEXPIRE', key, math.ceil(burst * 1000 / rate) + 1000)
end
local function wait_ms(tokens, rate)
  return math.ceil((1 - tokens) * 1000 / rate)
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** KEYS: bucket. ARGV: rate, burst. → {1} taken, or {0, ms until a token}. */
export const TAKE_TOKEN = `${BUCKET}
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens = bucket(KEYS[1], rate, burst, now)
if tokens < 1 then return {0, wait_ms(tokens, rate)} end
save(KEYS[1], tokens - 1, rate, burst, now)
return {1, 0}
`;

/**
 * One async submit. KEYS: bucket, use, jobs, idempotency. ARGV: rate, burst, waiting cap,
 * bytes cap, serviceId, jobId, bytes, digest ('' without a key), idempotency ttl s, consumer.
 * → {'ok'} charged | {'rate', ms} | {'waiting', n} | {'bytes', n} | {'same'} | {'mismatch'}.
 * A repeat of an idempotent submit spends a token (it is a request) but is not charged again.
 */
export const RESERVE_SUBMIT = `${BUCKET}
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens = bucket(KEYS[1], rate, burst, now)
if tokens < 1 then return {'rate', wait_ms(tokens, rate)} end
local digest = ARGV[8]
if digest ~= '' then
  local stored = redis.call('GET', KEYS[4])
  if stored then
    save(KEYS[1], tokens - 1, rate, burst, now)
    if stored == digest then return {'same'} end
    return {'mismatch'}
  end
end
local field = 'w:' .. ARGV[5]
local waiting = tonumber(redis.call('HGET', KEYS[2], field) or '0')
if waiting + 1 > tonumber(ARGV[3]) then return {'waiting', waiting} end
local bytes = tonumber(redis.call('HGET', KEYS[2], 'bytes') or '0')
local size = tonumber(ARGV[7])
if bytes + size > tonumber(ARGV[4]) then return {'bytes', bytes} end
save(KEYS[1], tokens - 1, rate, burst, now)
redis.call('HINCRBY', KEYS[2], field, 1)
redis.call('HINCRBY', KEYS[2], 'bytes', size)
redis.call('HSET', KEYS[3], ARGV[6], ARGV[10] .. '\\t' .. ARGV[5] .. '\\t' .. ARGV[7])
if digest ~= '' then redis.call('SET', KEYS[4], digest, 'EX', tonumber(ARGV[9])) end
return {'ok'}
`;

/**
 * A job ended (or was never added): gives back what it was charged, once. KEYS: jobs,
 * idempotency (dropped only when ARGV[3] is '1'). ARGV: jobId, use-key prefix, forget key.
 */
export const RELEASE_JOB = `
if ARGV[3] == '1' then redis.call('DEL', KEYS[2]) end
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
local consumer, service, size = string.match(entry, '^(.-)\\t(.-)\\t(%d+)$')
if not consumer then return 0 end
local use = ARGV[2] .. consumer
if redis.call('HINCRBY', use, 'w:' .. service, -1) < 0 then redis.call('HSET', use, 'w:' .. service, 0) end
if redis.call('HINCRBY', use, 'bytes', -tonumber(size)) < 0 then redis.call('HSET', use, 'bytes', 0) end
return 1
`;
