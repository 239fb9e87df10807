import { z } from 'zod';
import { asRecord, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maHoSo, maXa, phone } from '../src/connector-kit/fields';
import { dvcqgTimeToIso } from '../src/connector-kit/vn-time';

/** Public postal service: delivery of administrative results to citizens. */
export const buuChinhCongIch = defineConnector({
  id: 'buu-chinh-cong-ich',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'tao-van-don': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/taoVanDon' },
      input: z.object({
        maHoSo,
        nguoiNhan: z.object({ hoTen: z.string().min(1).max(200), soDienThoai: phone, diaChi: z.string().min(1).max(500), maXa }),
        khoiLuongGram: z.number().int().positive().max(30000),
      }),
      personalFields: ['nguoiNhan'],
      toProvider: (input) => ({
        kind: 'json',
        body: {
          MaHoSo: input.maHoSo,
          NguoiNhan: {
            HoTen: input.nguoiNhan.hoTen,
            SoDienThoai: input.nguoiNhan.soDienThoai,
            DiaChi: input.nguoiNhan.diaChi,
            MaXa: input.nguoiNhan.maXa,
          },
          KhoiLuong: input.khoiLuongGram,
        },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'waybill');
        return { maVanDon: needString(r, 'MaVanDon'), trangThai: needString(r, 'TrangThai') };
      },
    }),
    'tra-cuu-van-don': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/traCuuVanDon' },
      input: z.object({ maVanDon: z.string().regex(/^[A-Z]{2}\d{9}[A-Z]{2}$/, 'must be a waybill code such as EB240315001VN') }),
      toProvider: (input) => ({ kind: 'json', body: { MaVanDon: input.maVanDon } }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'waybill');
        return {
          maVanDon: needString(r, 'MaVanDon'),
          maHoSo: optString(r, 'MaHoSo'),
          trangThai: needString(r, 'TrangThai'),
          capNhatLuc: dvcqgTimeToIso(r['CapNhatLuc']),
        };
      },
    }),
  },
});
