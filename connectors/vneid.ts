import { z } from 'zod';
import { asRecord, needBoolean, needNumber } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { phone, soDinhDanh } from '../src/connector-kit/fields';

/** National electronic identification (VNeID): is this account who it claims to be? */
export const vneid = defineConnector({
  id: 'vneid',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'xac-thuc-tai-khoan': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/xacThucTaiKhoan' },
      input: z.object({ soDinhDanh, soDienThoai: phone }),
      personalFields: ['soDinhDanh', 'soDienThoai'],
      toProvider: (input) => ({ kind: 'json', body: { SoDinhDanh: input.soDinhDanh, SoDienThoai: input.soDienThoai } }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'verification');
        const hopLe = needBoolean(r, 'HopLe');
        return { hopLe, mucDoDinhDanh: hopLe ? needNumber(r, 'MucDoDinhDanh') : null };
      },
    }),
  },
});
