import { z } from 'zod';
import { asRecord, needNumber, needString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { amount } from '../src/connector-kit/fields';
import { isoDate, isoToYmd } from '../src/connector-kit/vn-time';

/** State Treasury: daily reconciliation of fees collected online. */
export const khoBac = defineConnector({
  id: 'kho-bac',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'doi-soat-thu': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/doiSoatThu' },
      input: z.object({
        ngayDoiSoat: isoDate,
        giaoDich: z
          .array(z.object({ maGiaoDich: z.string().min(1).max(40), soTien: amount }))
          .min(1)
          .max(10000),
      }),
      toProvider: (input, ctx) => ({
        kind: 'json',
        body: {
          NgayDoiSoat: isoToYmd(input.ngayDoiSoat),
          MaDonVi: ctx.province.agencyCode,
          GiaoDich: input.giaoDich.map((g) => ({ MaGiaoDich: g.maGiaoDich, SoTien: g.soTien })),
        },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'reconciliation');
        return {
          maDoiSoat: needString(r, 'MaDoiSoat'),
          soGiaoDich: needNumber(r, 'SoGiaoDich'),
          tongTien: needNumber(r, 'TongTien'),
          trangThai: needString(r, 'TrangThai'),
        };
      },
    }),
  },
});
