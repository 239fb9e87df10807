/**
 * Dates and times as edXML (QCVN 102:2016) writes them: dates `yyyy/MM/dd`, timestamps
 * `yyyy/MM/dd HH:mm:ss` on the Viet Nam wall clock (UTC+07:00 all year).
 */
const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** `2024-03-15` → `2024/03/15`. */
export function isoDateToEdxml(date: string): string {
  return date.replace(/-/g, '/');
}

/** An instant (or an ISO 8601 text) → `2024/03/15 08:30:00` in Viet Nam. */
export function edxmlTimestamp(at: Date | string): string {
  const instant = typeof at === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T00:00:00+07:00` : at) : at;
  if (Number.isNaN(instant.getTime())) throw new RangeError('not an ISO 8601 date-time');
  const d = new Date(instant.getTime() + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2024/03/15` (or `2024-03-15`) → `2024-03-15`; null when absent or not a date. */
export function edxmlDateToIso(value: unknown): string | null {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(typeof value === 'string' ? value.trim() : '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** `2024/03/15 08:30:00` → `2024-03-15T08:30:00+07:00`; null when absent or not a timestamp. */
export function edxmlTimestampToIso(value: unknown): string | null {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(typeof value === 'string' ? value.trim() : '');
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00` : null;
}
