import { createHmac, timingSafeEqual } from 'node:crypto';

/** One HMAC key of a chain's key ring: the first of the ring signs, every listed key verifies. */
export interface ChainKey {
  id: string;
  key: string;
}

/** The previous hash of a chain's first record, and the id of its (absent) predecessor. */
export const GENESIS_HASH = '0'.repeat(64);
export const GENESIS_ID = '0-0';

/** One chained stream entry as stored: the record and its links. */
export interface ChainLink {
  /** Stream id (`<ms>-<seq>`), chosen by the writer so the MAC can cover it. */
  id: string;
  /** Id and hash of the previous record of the same chain. */
  pid: string;
  p: string;
  /** Key id of the MAC. */
  k: string;
  /** The record, JSON. */
  r: string;
}

/**
 * The MAC of one record: HMAC-SHA256 over the chain's name, the record's id, its predecessor's
 * id and hash, and the record. Covering the predecessor makes a deleted or reordered record
 * visible; covering the id makes a record moved in time visible; the chain name keeps a record
 * copied into another connection's stream from verifying there.
 */
export function chainMac(key: string, chain: string, link: Omit<ChainLink, 'k'>): string {
  return createHmac('sha256', key).update(`${chain}\n${link.id}\n${link.pid}\n${link.p}\n${link.r}`).digest('hex');
}

/** True when `h` is the MAC of the link under the ring's key named by `link.k`. */
export function macMatches(ring: readonly ChainKey[], chain: string, link: ChainLink, h: string): boolean | 'unknown-key' {
  const key = ring.find((k) => k.id === link.k);
  if (!key) return 'unknown-key';
  const expected = Buffer.from(chainMac(key.key, chain, link), 'hex');
  const given = Buffer.from(h, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The next stream id after `lastId`: now, or later than the last id when clocks disagree. */
export function nextStreamId(lastId: string, now = Date.now()): string {
  const [lastMs, lastSeq] = parseStreamId(lastId);
  return now > lastMs ? `${now}-0` : `${lastMs}-${lastSeq + 1}`;
}

export function parseStreamId(id: string): [number, number] {
  const [ms, seq] = id.split('-');
  return [Number(ms ?? 0), Number(seq ?? 0)];
}
