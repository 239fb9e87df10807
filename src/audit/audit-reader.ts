import type { RedisClient } from '../infra/redis-connection';
import { GatewayError } from '../errors/gateway-error';
import { auditStreamKey } from '../infra/redis-keys';
import type { StoredAuditEvent } from './redis-audit-sink';

export interface AuditQuery {
  action?: string;
  actor?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  to?: number;
  limit: number;
  cursor?: string;
}

export interface AuditPage {
  items: Array<StoredAuditEvent & { id: string }>;
  nextCursor: string | null;
}

/** Most entries one page may read: a rare filter returns a short page and a cursor, never a long scan. */
const MAX_SCANNED = 20_000;
const BATCH = 500;

const encodeCursor = (id: string): string => Buffer.from(id).toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d+-\d+$/.test(id)) throw new GatewayError('Client.BadRequest', 'The cursor is not valid');
  return id;
}

/** Reads the audit trail newest first by time range (stream ids are times), filtered by action and actor. */
export class AuditReader {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
  ) {}

  async query(q: AuditQuery): Promise<AuditPage> {
    const items: AuditPage['items'] = [];
    const start = q.from === undefined ? '-' : `${q.from}-0`;
    let end = q.cursor ? `(${decodeCursor(q.cursor)}` : q.to === undefined ? '+' : `${q.to}-${Number.MAX_SAFE_INTEGER}`;
    let scanned = 0;
    let lastId: string | null = null;
    while (items.length < q.limit && scanned < MAX_SCANNED) {
      const rows = await this.redis.xrevrange(auditStreamKey(this.keyPrefix), end, start, 'COUNT', Math.min(BATCH, q.limit + 1));
      if (rows.length === 0) return { items, nextCursor: null };
      for (const [id, fields] of rows) {
        scanned += 1;
        lastId = id;
        const event = parseEvent(fields);
        if (!event || (q.action && event.action !== q.action) || (q.actor && event.actor !== q.actor)) continue;
        items.push({ id, ...event });
        if (items.length === q.limit) break;
      }
      end = `(${lastId}`;
    }
    const more =
      lastId !== null && (await this.redis.xrevrange(auditStreamKey(this.keyPrefix), `(${lastId}`, start, 'COUNT', 1)).length > 0;
    return { items, nextCursor: more && lastId ? encodeCursor(lastId) : null };
  }
}

function parseEvent(fields: readonly string[]): StoredAuditEvent | null {
  const at = fields.indexOf('r');
  if (at < 0 || at % 2 !== 0) return null;
  try {
    return JSON.parse(fields[at + 1] ?? '') as StoredAuditEvent;
  } catch {
    return null;
  }
}
