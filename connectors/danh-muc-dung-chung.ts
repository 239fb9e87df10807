import { z } from 'zod';
import { asArray, asRecord, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';

/** National shared catalogues (administrative units, ethnic groups, …). */
export const danhMucDungChung = defineConnector({
  id: 'danh-muc-dung-chung',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'lay-danh-muc': defineOperation({
      wire: { protocol: 'rest', method: 'GET', path: '/AllCategory' },
      input: z.object({ maDanhMuc: z.string().regex(/^DM_[A-Z0-9_]{1,40}$/, 'must be a catalogue code such as DM_DVHC') }),
      toProvider: (input) => ({ kind: 'query', query: { maDanhMuc: input.maDanhMuc } }),
      fromProvider: (answer) => {
        const d = asRecord(answer, 'catalogue');
        return {
          maDanhMuc: needString(d, 'MaDanhMuc'),
          tenDanhMuc: optString(d, 'TenDanhMuc'),
          phienBan: optString(d, 'PhienBan'),
          muc: asArray(d['DanhSach']).map((m) => {
            const r = asRecord(m, 'catalogue item');
            return { ma: needString(r, 'Ma'), ten: needString(r, 'Ten'), maCha: optString(r, 'MaCha') };
          }),
        };
      },
    }),
  },
});
