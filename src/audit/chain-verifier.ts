import type { RedisClient } from '../infra/redis-connection';
import { GENESIS_HASH, GENESIS_ID, macMatches, parseStreamId, type ChainKey, type ChainLink } from './chain-mac';

export interface ChainTarget {
  chain: string;
  streamKey: string;
  headKey: string;
  /** Records older than this may have been trimmed by retention; none when the chain is never trimmed. */
  retentionMs?: number;
}

export interface ChainReport {
  chain: string;
  /** Chained records checked. */
  records: number;
  /** Unchained records at the start of the stream, written before chaining began. */
  legacy: number;
  /** The first record that does not verify, and why; absent when the chain is intact. */
  broken?: { id: string; reason: string };
}

const PAGE = 1000;

interface WalkState {
  prev: { id: string; h: string } | null;
  records: number;
  legacy: number;
  /** The walk met the record the head named when the walk began. */
  sawHead: boolean;
}

/**
 * Walks one chain oldest first and proves it intact, or names the first record that does not
 * verify: altered (MAC), deleted before it (link), added outside the gateway (no MAC), or the
 * newest records deleted (the head, read first, names a record the walk did not meet). Records
 * a live writer appends during the walk are checked too.
 */
export async function verifyChain(
  redis: RedisClient,
  ring: readonly ChainKey[],
  target: ChainTarget,
  now = Date.now(),
): Promise<ChainReport> {
  const [headId, headHash] = await redis.hmget(target.headKey, 'id', 'h');
  const state: WalkState = { prev: null, records: 0, legacy: 0, sawHead: false };
  const report = (broken?: ChainReport['broken']): ChainReport => ({
    chain: target.chain,
    records: state.records,
    legacy: state.legacy,
    ...(broken ? { broken } : {}),
  });
  let start = '-';
  for (;;) {
    const rows = await redis.xrange(target.streamKey, start, '+', 'COUNT', PAGE);
    for (const [id, fields] of rows) {
      const f = toFields(fields);
      const broken = checkEntry(ring, target, state, id, f, now);
      if (broken) return report({ id, reason: broken });
      if (id === headId && f['h'] === headHash) state.sawHead = true;
    }
    const last = rows[rows.length - 1];
    if (rows.length < PAGE || !last) break;
    start = `(${last[0]}`;
  }
  return report(checkHead(target, state, headId ?? null, headHash ?? null, now));
}

function toFields(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

const expired = (id: string, target: ChainTarget, now: number): boolean =>
  target.retentionMs !== undefined && parseStreamId(id)[0] < now - target.retentionMs;

function checkEntry(
  ring: readonly ChainKey[],
  target: ChainTarget,
  state: WalkState,
  id: string,
  f: Record<string, string>,
  now: number,
): string | undefined {
  if (f['h'] === undefined) {
    if (state.prev) return 'the record carries no MAC: it was added outside the gateway';
    state.legacy += 1;
    return undefined;
  }
  const link: ChainLink = { id, pid: f['pid'] ?? '', p: f['p'] ?? '', k: f['k'] ?? '', r: f['r'] ?? '' };
  const mac = macMatches(ring, target.chain, link, f['h']);
  if (mac === 'unknown-key') return `the record is signed with key "${link.k}", which is not in the key ring`;
  if (!mac) return 'the record was altered: its MAC does not match';
  if (state.prev && (link.pid !== state.prev.id || link.p !== state.prev.h)) {
    return `the record before it (${link.pid}) was deleted or altered: the stream has ${state.prev.id} there`;
  }
  if (!state.prev && link.pid !== GENESIS_ID && !expired(link.pid, target, now)) {
    return `the records before it were deleted: its predecessor ${link.pid} is within the retention`;
  }
  if (!state.prev && link.pid === GENESIS_ID && link.p !== GENESIS_HASH)
    return 'the first record of the chain does not start from the genesis hash';
  state.prev = { id, h: f['h'] };
  state.records += 1;
  return undefined;
}

function checkHead(
  target: ChainTarget,
  state: WalkState,
  headId: string | null,
  headHash: string | null,
  now: number,
): ChainReport['broken'] {
  if (headId === null) return state.prev ? { id: state.prev.id, reason: 'the chain head is missing' } : undefined;
  if (!state.prev) return expired(headId, target, now) ? undefined : { id: headId, reason: 'every record up to the newest was deleted' };
  if (!state.sawHead) return { id: headId, reason: `the newest record was deleted: the stream ends at ${state.prev.id}` };
  return undefined;
}
