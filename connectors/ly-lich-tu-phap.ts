import { z } from 'zod';
import { asRecord, needBoolean, needString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maHoSo, soDinhDanh } from '../src/connector-kit/fields';
import { ymdToIso } from '../src/connector-kit/vn-time';

/** National judicial records centre: criminal-record certificate requests. */
export const lyLichTuPhap = defineConnector({
  id: 'ly-lich-tu-phap',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'gui-yeu-cau': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/guiYeuCau' },
      input: z.object({ maHoSo, soDinhDanh, hoTen: z.string().min(1).max(200), loaiPhieu: z.union([z.literal(1), z.literal(2)]), mucDich: z.string().min(1).max(500) }),
      personalFields: ['soDinhDanh', 'hoTen'],
      toProvider: (input) => ({
        kind: 'json',
        body: { MaHoSo: input.maHoSo, SoDinhDanh: input.soDinhDanh, HoTen: input.hoTen, LoaiPhieu: input.loaiPhieu, MucDich: input.mucDich },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'acknowledgement');
        return { maYeuCau: needString(r, 'MaYeuCau'), trangThai: needString(r, 'TrangThai') };
      },
    }),
    'tra-cuu-ket-qua': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/traCuuKetQua' },
      input: z.object({ maYeuCau: z.string().min(1).max(50) }),
      toProvider: (input) => ({ kind: 'json', body: { MaYeuCau: input.maYeuCau } }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'result');
        return { maYeuCau: needString(r, 'MaYeuCau'), trangThai: needString(r, 'TrangThai'), ngayTraKetQua: ymdToIso(r['NgayTraKetQua']), coAnTich: needBoolean(r, 'CoAnTich') };
      },
    }),
  },
});
