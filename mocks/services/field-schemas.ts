import { z } from 'zod';

/** Field formats shared by the providers' requests. */
export const citizenIdField = z.string().regex(/^\d{12}$/, 'phải gồm 12 chữ số');
export const ymdField = z.string().regex(/^\d{8}$/, 'định dạng yyyyMMdd');
export const yearMonthField = z.string().regex(/^\d{6}$/, 'định dạng yyyyMM');
export const dvcqgTimeField = z.string().regex(/^\d{14}$/, 'định dạng yyyyMMddHHmmss');
export const text = z.string().trim().min(1);
export const amountField = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .pipe(z.number().nonnegative());
/** Numbers sent as strings or numbers, kept as strings ("12"). */
export const numericText = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative().transform(String)]);
