import { z } from 'zod';
import { asRecord, needNumber, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { amount, maHoSo } from '../src/connector-kit/fields';
import { dvcqgTimeToIso } from '../src/connector-kit/vn-time';

/** National online payment platform of the public service portal. */
export const dvcqgThanhToan = defineConnector({
  id: 'dvcqg-thanh-toan',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'tao-giao-dich': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/taoGiaoDich' },
      input: z.object({ maHoSo, soTien: amount.positive(), noiDung: z.string().min(1).max(500), nguoiNop: z.string().min(1).max(200) }),
      personalFields: ['nguoiNop'],
      toProvider: (input, ctx) => ({
        kind: 'json',
        body: { MaHoSo: input.maHoSo, SoTien: input.soTien, NoiDung: input.noiDung, NguoiNop: input.nguoiNop, MaDonVi: ctx.province.agencyCode },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'transaction');
        return { maGiaoDich: needString(r, 'MaGiaoDich'), duongDanThanhToan: needString(r, 'UrlThanhToan'), trangThai: needString(r, 'TrangThai') };
      },
    }),
    'tra-cuu-giao-dich': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/traCuuGiaoDich' },
      input: z.object({ maGiaoDich: z.string().regex(/^[A-Z0-9-]{6,40}$/, 'must be a transaction code') }),
      toProvider: (input) => ({ kind: 'json', body: { MaGiaoDich: input.maGiaoDich } }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'transaction');
        return {
          maGiaoDich: needString(r, 'MaGiaoDich'),
          maHoSo: optString(r, 'MaHoSo'),
          soTien: needNumber(r, 'SoTien'),
          trangThai: needString(r, 'TrangThai'),
          thoiGianThanhToan: dvcqgTimeToIso(r['ThoiGianThanhToan']),
        };
      },
    }),
  },
});
