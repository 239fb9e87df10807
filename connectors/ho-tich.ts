import { z } from 'zod';
import { asRecord, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maHoSo, soDinhDanh } from '../src/connector-kit/fields';
import { isoDate, isoToYmd, ymdToIso } from '../src/connector-kit/vn-time';

const parent = z.object({ hoTen: z.string().min(1).max(200), soDinhDanh });

/** Electronic civil-status database (Ministry of Justice). */
export const hoTich = defineConnector({
  id: 'ho-tich',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'dang-ky-khai-sinh': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/dangKyKhaiSinh' },
      input: z.object({
        maHoSo,
        treEm: z.object({ hoTen: z.string().min(1).max(200), ngaySinh: isoDate, gioiTinh: z.enum(['Nam', 'Nữ']), noiSinh: z.string().min(1).max(500) }),
        me: parent,
        cha: parent.optional(),
        noiDangKy: z.string().min(1).max(500),
      }),
      personalFields: ['treEm', 'me', 'cha'],
      toProvider: (input) => ({
        kind: 'json',
        body: {
          MaHoSo: input.maHoSo,
          TreEm: { HoTen: input.treEm.hoTen, NgaySinh: isoToYmd(input.treEm.ngaySinh), GioiTinh: input.treEm.gioiTinh, NoiSinh: input.treEm.noiSinh },
          Me: { HoTen: input.me.hoTen, SoDinhDanh: input.me.soDinhDanh },
          ...(input.cha ? { Cha: { HoTen: input.cha.hoTen, SoDinhDanh: input.cha.soDinhDanh } } : {}),
          NoiDangKy: input.noiDangKy,
        },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'registration');
        return { soDangKy: needString(r, 'SoDangKy'), maHoSo: needString(r, 'MaHoSo'), trangThai: needString(r, 'TrangThai') };
      },
    }),
    'tra-cuu': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/traCuu' },
      input: z.object({ soDangKy: z.string().min(1).max(50) }),
      toProvider: (input) => ({ kind: 'json', body: { SoDangKy: input.soDangKy } }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'civil-status record');
        return {
          soDangKy: needString(r, 'SoDangKy'),
          loaiViec: needString(r, 'LoaiViec'),
          hoTen: needString(r, 'HoTen'),
          ngaySinh: ymdToIso(r['NgaySinh']),
          ngayDangKy: ymdToIso(r['NgayDangKy']),
          noiDangKy: optString(r, 'NoiDangKy'),
        };
      },
    }),
  },
});
