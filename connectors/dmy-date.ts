import { isoToYmd } from '../src/connector-kit/vn-time';

/**
 * `dd/MM/yyyy`, the date format of the Ministry of Justice's services (judicial records,
 * civil status), read and written on the Vietnamese calendar day.
 */
export function isoToDmy(iso: string): string {
  const ymd = isoToYmd(iso);
  return `${ymd.slice(6, 8)}/${ymd.slice(4, 6)}/${ymd.slice(0, 4)}`;
}

/** `14/03/2024` → `2024-03-14`; null for an empty or absent value. */
export function dmyToIso(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(String(value));
  if (!m) throw new RangeError('not a dd/MM/yyyy date');
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** Today in Vietnam as `yyyy-MM-dd`. */
export function vnToday(now: Date): string {
  const ymd = isoToYmd(now.toISOString());
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
}
