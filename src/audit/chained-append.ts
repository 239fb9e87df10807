import type { RedisClient } from '../infra/redis-connection';
import { chainMac, GENESIS_HASH, GENESIS_ID, nextStreamId, parseStreamId, type ChainKey, type ChainLink } from './chain-mac';

/** A counter or marker written in the same atomic step as the records (the connection log's stats). */
export interface RedisOp {
  cmd: 'hincrby' | 'expire' | 'hset';
  key: string;
  args: ReadonlyArray<string | number>;
}

/** Records for one chain: a Redis stream and its head (id and hash of the newest record). */
export interface ChainBatch {
  /** The chain's name inside the MAC (`audit`, `log:svc:<serviceId>`): independent of the key prefix. */
  chain: string;
  streamKey: string;
  headKey: string;
  /** Records as JSON, oldest first; at least one. */
  records: readonly string[];
  /** Approximate trim of entries older than this stream id (retention), or none. */
  minId?: string;
}

interface Head {
  id: string;
  h: string;
  /** The stream's newest id (may be newer than the head when unchained records were added). */
  lastId: string;
}

const COMMAND = 'lgspAppendChained';
const ATTEMPTS = 20;

/** A short random pause after a lost race, growing with the attempt, so racing writers spread out. */
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));

/**
 * Appends only when every chain's head is still the one the writer chained from, and the ids
 * are newer than the stream's newest; otherwise writes nothing and answers each stale head as
 * [index, headId, headHash, lastId]. Records, heads and ops land together or not at all.
 */
const APPEND_LUA = `
local nChains = tonumber(ARGV[1])
local nOps = tonumber(ARGV[2])
local function older(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as < bs)
end
local conflicts = {}
local chains = {}
local pos = 3
for c = 1, nChains do
  local stream, head = KEYS[2 * c - 1], KEYS[2 * c]
  local n = tonumber(ARGV[pos + 3])
  local cur = redis.call('HMGET', head, 'id', 'h')
  local hid = cur[1] or '${GENESIS_ID}'
  local hh = cur[2] or '${GENESIS_HASH}'
  local last = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)
  local lastId = (last[1] and last[1][1]) or '0-0'
  if hid ~= ARGV[pos] or hh ~= ARGV[pos + 1] or not older(lastId, ARGV[pos + 4]) then
    table.insert(conflicts, tostring(c))
    table.insert(conflicts, hid)
    table.insert(conflicts, hh)
    table.insert(conflicts, lastId)
  end
  chains[c] = { pos + 4, n, ARGV[pos + 2] }
  pos = pos + 4 + 6 * n
end
if #conflicts > 0 then return conflicts end
for c = 1, nChains do
  local stream, head = KEYS[2 * c - 1], KEYS[2 * c]
  local start, n, minId = chains[c][1], chains[c][2], chains[c][3]
  local id, h
  for i = 0, n - 1 do
    local e = start + 6 * i
    id, h = ARGV[e], ARGV[e + 5]
    if minId ~= '' then
      redis.call('XADD', stream, 'MINID', '~', minId, id, 'r', ARGV[e + 1], 'k', ARGV[e + 2], 'pid', ARGV[e + 3], 'p', ARGV[e + 4], 'h', h)
    else
      redis.call('XADD', stream, id, 'r', ARGV[e + 1], 'k', ARGV[e + 2], 'pid', ARGV[e + 3], 'p', ARGV[e + 4], 'h', h)
    end
  end
  redis.call('HSET', head, 'id', id, 'h', h)
end
local allowed = { hincrby = true, expire = true, hset = true }
for o = 1, nOps do
  local cmd, keyIndex, nArgs = ARGV[pos], tonumber(ARGV[pos + 1]), tonumber(ARGV[pos + 2])
  local args = {}
  for a = 1, nArgs do args[a] = ARGV[pos + 2 + a] end
  if allowed[cmd] then redis.call(cmd, KEYS[keyIndex], unpack(args)) end
  pos = pos + 3 + nArgs
end
return {}
`;

type AppendCommand = (numKeys: number, ...args: Array<string | number>) => Promise<string[]>;

function appendCommand(redis: RedisClient): AppendCommand {
  const commands = redis as unknown as Record<string, AppendCommand | undefined>;
  if (typeof commands[COMMAND] !== 'function') redis.defineCommand(COMMAND, { lua: APPEND_LUA });
  return (commands[COMMAND] as AppendCommand).bind(redis);
}

const newer = (a: string, b: string): string => {
  const [am, as] = parseStreamId(a);
  const [bm, bs] = parseStreamId(b);
  return am > bm || (am === bm && as > bs) ? a : b;
};

interface Prepared {
  batch: ChainBatch;
  links: Array<ChainLink & { h: string }>;
  newHead: { id: string; h: string };
}

/**
 * Appends records to hash-chained, HMAC'd Redis streams. The writer chains a batch in memory
 * from the head it last saw and one Lua call appends it only if that head is still the
 * stream's: several processes writing one stream never fork its chain, they retry from the
 * newer head instead. Throws when Redis cannot be reached (callers keep their records).
 */
export class ChainedAppender {
  private readonly heads = new Map<string, Head>();
  private readonly command: AppendCommand;

  constructor(
    redis: RedisClient,
    private readonly ring: readonly ChainKey[],
  ) {
    if (!ring[0]) throw new Error('a chain needs at least one key');
    this.command = appendCommand(redis);
  }

  async append(batches: readonly ChainBatch[], ops: readonly RedisOp[] = []): Promise<void> {
    const nonEmpty = batches.filter((b) => b.records.length > 0);
    if (nonEmpty.length === 0) return;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const prepared = nonEmpty.map((b) => this.prepare(b));
      const reply = await this.command(...this.encode(prepared, ops));
      if (reply.length === 0 || this.landedEarlier(prepared, reply)) {
        for (const p of prepared) this.heads.set(p.batch.streamKey, { ...p.newHead, lastId: p.newHead.id });
        return;
      }
      for (let i = 0; i + 3 < reply.length; i += 4) {
        const p = prepared[Number(reply[i]) - 1];
        if (p) this.heads.set(p.batch.streamKey, { id: reply[i + 1]!, h: reply[i + 2]!, lastId: reply[i + 3]! });
      }
    }
    throw new Error(`chained append still conflicting after ${ATTEMPTS} attempts`);
  }

  private prepare(batch: ChainBatch): Prepared {
    const signer = this.ring[0]!;
    const head = this.heads.get(batch.streamKey) ?? { id: GENESIS_ID, h: GENESIS_HASH, lastId: GENESIS_ID };
    const now = Date.now();
    let last = newer(head.id, head.lastId);
    let prev = { id: head.id, h: head.h };
    const links = batch.records.map((r) => {
      const id = nextStreamId(last, now);
      last = id;
      const link = { id, pid: prev.id, p: prev.h, r };
      const h = chainMac(signer.key, batch.chain, link);
      prev = { id, h };
      return { ...link, k: signer.id, h };
    });
    return { batch, links, newHead: prev };
  }

  /** A reply lost on a dropped connection, then a resend: every head is already this batch's own. */
  private landedEarlier(prepared: readonly Prepared[], reply: readonly string[]): boolean {
    if (reply.length !== prepared.length * 4) return false;
    return prepared.every((p, i) => reply[i * 4 + 1] === p.newHead.id && reply[i * 4 + 2] === p.newHead.h);
  }

  private encode(prepared: readonly Prepared[], ops: readonly RedisOp[]): [number, ...Array<string | number>] {
    const keys: string[] = [];
    const argv: Array<string | number> = [prepared.length, ops.length];
    for (const { batch, links } of prepared) {
      keys.push(batch.streamKey, batch.headKey);
      const head = links[0]!;
      argv.push(head.pid, head.p, batch.minId ?? '', links.length);
      for (const l of links) argv.push(l.id, l.r, l.k, l.pid, l.p, l.h);
    }
    for (const op of ops) {
      keys.push(op.key);
      argv.push(op.cmd, keys.length, op.args.length, ...op.args);
    }
    return [keys.length, ...keys, ...argv];
  }
}
