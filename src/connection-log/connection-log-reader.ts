import type { RedisClient } from '../infra/redis-connection';
import { GatewayError } from '../errors/gateway-error';
import { connectionLogKey } from '../infra/redis-keys';
import type { ExchangeRecord } from './exchange-record';

export interface LogQuery {
  serviceIds: readonly string[];
  consumer?: string;
  outcome?: 'success' | 'failure';
  /** Epoch ms, inclusive. */
  from?: number;
  to?: number;
  limit: number;
  cursor?: string;
}

export interface LogPage {
  items: Array<ExchangeRecord & { id: string }>;
  nextCursor: string | null;
}

/** Newest first: stream id descending, then service id ascending for records of the same id. */
interface Position {
  id: string;
  serviceId: string;
}

/** Most stream entries one page may read: a rare filter returns a short page and a cursor, never a long scan. */
const MAX_SCANNED = 20_000;
const BATCH = 500;

function encodeCursor(p: Position): string {
  return Buffer.from(`${p.id}|${p.serviceId}`).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  const [id, serviceId] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!id || !serviceId || !/^\d+-\d+$/.test(id)) throw new GatewayError('Client.BadRequest', 'The cursor is not valid');
  return { id, serviceId };
}

const idMs = (id: string): number => Number(id.split('-')[0]);

function compareDesc(a: Position, b: Position): number {
  const [am, as] = a.id.split('-').map(Number) as [number, number];
  const [bm, bs] = b.id.split('-').map(Number) as [number, number];
  if (am !== bm) return bm - am;
  if (as !== bs) return bs - as;
  return a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0;
}

/**
 * Reads the connection log newest first across the chosen connections' streams, by time
 * range (stream ids are times), filtered by consumer and outcome, with an opaque cursor.
 * Each stream is read in batches from where the page left it; the streams are merged.
 */
export class ConnectionLogReader {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
  ) {}

  async query(q: LogQuery): Promise<LogPage> {
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const firstBatch = Math.min(BATCH, q.limit + 1);
    const readers = q.serviceIds.map(
      (serviceId) =>
        new StreamCursor(
          this.redis,
          connectionLogKey(this.keyPrefix, serviceId),
          serviceId,
          startFor(serviceId, q.to, after),
          q.from,
          firstBatch,
        ),
    );
    const items: LogPage['items'] = [];
    let scanned = 0;
    let last: Position | undefined;
    while (items.length < q.limit && scanned < MAX_SCANNED) {
      const heads = await Promise.all(readers.map((r) => r.peek()));
      let best = -1;
      heads.forEach((h, i) => {
        if (h && (best < 0 || compareDesc(h, heads[best]!) < 0)) best = i;
      });
      if (best < 0) return { items, nextCursor: null };
      const entry = readers[best]!.take();
      scanned += 1;
      last = { id: entry.id, serviceId: entry.serviceId };
      if (q.consumer && entry.record.consumer !== q.consumer) continue;
      if (q.outcome && entry.record.outcome !== q.outcome) continue;
      items.push({ id: entry.id, ...entry.record });
    }
    const more = (await Promise.all(readers.map((r) => r.peek()))).some(Boolean);
    return { items, nextCursor: more && last ? encodeCursor(last) : null };
  }
}

/** Where a stream's reading starts: the range's end, or just past the cursor. */
function startFor(serviceId: string, to: number | undefined, after: Position | undefined): { end: string; exclusive: boolean } {
  if (after) {
    // Entries of the same id sort by service: later services still owe that id.
    return { end: after.id, exclusive: serviceId <= after.serviceId };
  }
  return { end: to === undefined ? '+' : `${to}-${Number.MAX_SAFE_INTEGER}`, exclusive: false };
}

interface Entry extends Position {
  record: ExchangeRecord;
}

class StreamCursor {
  private buffer: Entry[] = [];
  private done = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly serviceId: string,
    private next: { end: string; exclusive: boolean },
    private readonly from: number | undefined,
    /** Starts at what one page needs and doubles, so a 50-item page over 19 streams reads little. */
    private batch: number,
  ) {}

  async peek(): Promise<Entry | undefined> {
    if (this.buffer.length === 0 && !this.done) await this.fill();
    return this.buffer[0];
  }

  take(): Entry {
    return this.buffer.shift()!;
  }

  private async fill(): Promise<void> {
    const end = this.next.exclusive ? `(${this.next.end}` : this.next.end;
    const start = this.from === undefined ? '-' : `${this.from}-0`;
    const rows = await this.redis.xrevrange(this.key, end, start, 'COUNT', this.batch);
    if (rows.length < this.batch) this.done = true;
    this.batch = Math.min(BATCH, this.batch * 2);
    for (const [id, fields] of rows) {
      if (this.from !== undefined && idMs(id) < this.from) continue;
      this.buffer.push({ id, serviceId: this.serviceId, record: JSON.parse(fields[1] ?? '{}') as ExchangeRecord });
    }
    const lastRow = rows[rows.length - 1];
    if (lastRow) this.next = { end: lastRow[0], exclusive: true };
  }
}
