import { z } from 'zod';
import { asArray, asRecord, needNumber, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maXa } from '../src/connector-kit/fields';

/** National land database: parcels by commune, map sheet and parcel number. */
export const datDai = defineConnector({
  id: 'dat-dai',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'tra-cuu-thua-dat': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/traCuuThuaDat' },
      input: z.object({ maXa, soTo: z.string().regex(/^\d{1,4}$/), soThua: z.string().regex(/^\d{1,5}$/) }),
      toProvider: (input) => ({ kind: 'json', body: { MaXa: input.maXa, SoTo: input.soTo, SoThua: input.soThua } }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'parcel');
        return {
          maXa: needString(r, 'MaXa'),
          soTo: needString(r, 'SoTo'),
          soThua: needString(r, 'SoThua'),
          dienTich: needNumber(r, 'DienTich'),
          mucDichSuDung: optString(r, 'MucDichSuDung'),
          diaChi: optString(r, 'DiaChi'),
          chuSuDung: asArray(r['ChuSuDung']).map((c) => {
            const o = asRecord(c, 'ChuSuDung');
            return { hoTen: needString(o, 'HoTen'), loaiDoiTuong: optString(o, 'LoaiDoiTuong') };
          }),
        };
      },
    }),
  },
});
