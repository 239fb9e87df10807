/** Viet Nam has no daylight saving: Asia/Ho_Chi_Minh is always UTC+7. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

function vnParts(date: Date): string {
  return new Date(date.getTime() + VN_OFFSET_MS).toISOString();
}

/** `yyyyMMdd` in Asia/Ho_Chi_Minh. */
export function ymd(date: Date): string {
  return vnParts(date).slice(0, 10).replace(/-/g, '');
}

/** `yyyyMM` in Asia/Ho_Chi_Minh. */
export function yearMonth(date: Date): string {
  return ymd(date).slice(0, 6);
}

/** `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (the DVCQG time format). */
export function dvcqgTime(date: Date): string {
  const iso = vnParts(date);
  return iso.slice(0, 19).replace(/[-T:]/g, '');
}

/** A date built from Viet Nam local wall-clock parts. */
export function vnDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86400000);
}
