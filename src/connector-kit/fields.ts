import { z } from 'zod';

/** The 12-digit personal identification number: a string, or leading zeros are lost. */
export const soDinhDanh = z.string().regex(/^\d{12}$/, 'must be 12 digits as a string');
export const maSoThue = z.string().regex(/^\d{10}(-\d{3})?$/, 'must be a 10-digit tax code (optionally -NNN)');
export const maDinhDanhCoQuan = z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'must look like 000.00.00.H06');
export const maHoSo = z.string().min(1).max(64);
export const text = (max = 500) => z.string().min(1).max(max);
export const phone = z.string().regex(/^0\d{9,10}$/, 'must be a Vietnamese phone number');
export const amount = z.number().nonnegative().max(1e13);
/**
 * An e-mail address, its length checked before zod's e-mail regex runs: the regex is linear but
 * costs about 1 µs a character, so a 1 MiB value held the event loop half a second.
 */
export const email = z.string().max(254, { abort: true }).pipe(z.email());
/** Communes are 5-digit codes in the national administrative-unit catalogue. */
export const maXa = z.string().regex(/^\d{5}$/, 'must be a 5-digit commune code');
