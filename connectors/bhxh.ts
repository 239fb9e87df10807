import { z } from 'zod';
import { asArray, asRecord, needNumber, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { isoMonth, isoMonthToYm, ymToIsoMonth } from '../src/connector-kit/vn-time';

/** Vietnam Social Security, SOAP 1.1: contribution history of an insured person. */
export const bhxh = defineConnector({
  id: 'bhxh',
  fidelity: 'modelled',
  sources: [],
  protocol: 'soap',
  namespace: 'http://baohiemxahoi.gov.vn/lgsp',
  operations: {
    'tra-cuu-qua-trinh-dong': defineOperation({
      wire: { protocol: 'soap', operation: 'TraCuuQuaTrinhDong', responseElement: 'TraCuuQuaTrinhDongResponse' },
      input: z.object({ maSoBhxh: z.string().regex(/^\d{10}$/, 'must be the 10-digit social insurance number'), tuThang: isoMonth, denThang: isoMonth }),
      personalFields: ['maSoBhxh'],
      toProvider: (input) => ({ kind: 'json', body: { MaSoBHXH: input.maSoBhxh, TuThang: isoMonthToYm(input.tuThang), DenThang: isoMonthToYm(input.denThang) } }),
      fromProvider: (answer) => {
        const k = asRecord(asRecord(answer, 'TraCuuQuaTrinhDongResponse')['KetQua'], 'KetQua');
        const quaTrinh = k['QuaTrinh'] === '' || k['QuaTrinh'] === undefined ? {} : asRecord(k['QuaTrinh'], 'QuaTrinh');
        return {
          maSoBhxh: needString(k, 'MaSoBHXH'),
          hoTen: optString(k, 'HoTen'),
          quaTrinh: asArray(quaTrinh['Dong']).map((row) => {
            const d = asRecord(row, 'Dong');
            return { tuThang: ymToIsoMonth(needString(d, 'TuThang')), denThang: ymToIsoMonth(needString(d, 'DenThang')), donVi: optString(d, 'DonVi'), mucLuong: needNumber(d, 'MucLuong') };
          }),
        };
      },
    }),
  },
});
