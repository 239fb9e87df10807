import { z } from 'zod';

/**
 * Vietnam has kept UTC+07:00 without daylight saving since 1975, so Asia/Ho_Chi_Minh is a
 * fixed offset: conversions need no time-zone database.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 date-time with an offset or `Z`, or a plain date (midnight in Vietnam). */
export const isoDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
export const isoDate = z.iso.date();
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

function vnParts(iso: string): Date {
  // A plain date is a Vietnamese calendar day: midnight at +07:00.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00+07:00`) : new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError('not an ISO 8601 date');
  return new Date(instant.getTime() + OFFSET_MS);
}

/** `2024-03-15T01:30:00Z` → `20240315083000` (wall clock in Vietnam). */
export function isoToDvcqgTime(iso: string): string {
  const d = vnParts(iso);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** `2024-03-15` or a date-time → `20240315` (the Vietnamese calendar day). */
export function isoToYmd(iso: string): string {
  return isoToDvcqgTime(iso).slice(0, 8);
}

/** `2024-03` → `202403`. */
export function isoMonthToYm(month: string): string {
  return month.replace('-', '');
}

const DVCQG_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** `20240315083000` → `2024-03-15T08:30:00+07:00`; null for an empty or absent value. */
export function dvcqgTimeToIso(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const m = DVCQG_TIME.exec(String(value));
  if (!m) throw new RangeError('not a yyyyMMddHHmmss time');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`;
}

/** `20240315` → `2024-03-15`; null for an empty or absent value. */
export function ymdToIso(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(String(value));
  if (!m) throw new RangeError('not a yyyyMMdd date');
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** `202403` → `2024-03`. */
export function ymToIsoMonth(value: unknown): string {
  const m = /^(\d{4})(\d{2})$/.exec(String(value));
  if (!m) throw new RangeError('not a yyyyMM month');
  return `${m[1]}-${m[2]}`;
}
