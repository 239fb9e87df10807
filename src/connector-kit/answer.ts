import { GatewayError } from '../errors/gateway-error';

/**
 * Readers for a provider's decoded answer. A field the mapping needs but the answer lacks
 * is the provider's fault: `Server.Provider.BadResponse`, never a crash.
 */
export function badResponse(message: string, cause?: unknown): GatewayError {
  return new GatewayError('Server.Provider.BadResponse', message, { cause });
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badResponse(`The provider's answer has no ${what}`);
  }
  return value as Record<string, unknown>;
}

/** A required field: present and not null. */
export function need(record: Record<string, unknown>, key: string): unknown {
  const value = record[key];
  if (value === undefined || value === null) throw badResponse(`The provider's answer lacks ${key}`);
  return value;
}

export function needString(record: Record<string, unknown>, key: string): string {
  const value = need(record, key);
  if (typeof value !== 'string' && typeof value !== 'number') throw badResponse(`The provider's ${key} is not text`);
  return String(value);
}

export function optString(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (value === undefined || value === null || value === '') return null;
  return String(value);
}

export function needNumber(record: Record<string, unknown>, key: string): number {
  const value = Number(need(record, key));
  if (!Number.isFinite(value)) throw badResponse(`The provider's ${key} is not a number`);
  return value;
}

/** SOAP answers carry booleans as text. */
export function needBoolean(record: Record<string, unknown>, key: string): boolean {
  const value = need(record, key);
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  throw badResponse(`The provider's ${key} is not a boolean`);
}

/** XML gives one child as an object and several as an array; an absent list is empty. */
export function asArray<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** The receipt most providers give for a submission: `{"MaTiepNhan","TrangThai"}`. */
export function receipt(answer: unknown): { maTiepNhan: string; trangThai: string } {
  const r = asRecord(answer, 'receipt');
  return { maTiepNhan: needString(r, 'MaTiepNhan'), trangThai: needString(r, 'TrangThai') };
}
