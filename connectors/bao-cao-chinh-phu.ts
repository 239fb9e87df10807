import { z } from 'zod';
import { receipt } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';

/** Government reporting information system: the province's periodic indicators. */
export const baoCaoChinhPhu = defineConnector({
  id: 'bao-cao-chinh-phu',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'gui-bao-cao': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/guiBaoCao' },
      input: z.object({
        maBaoCao: z.string().min(1).max(50),
        kyBaoCao: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4]|H[12]|Y)$/, 'must be YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY-Y'),
        chiTieu: z
          .array(
            z.object({ ma: z.string().min(1).max(50), ten: z.string().min(1).max(500), giaTri: z.number(), donVi: z.string().max(50) }),
          )
          .min(1)
          .max(2000),
      }),
      toProvider: (input, ctx) => ({
        kind: 'json',
        body: {
          MaBaoCao: input.maBaoCao,
          KyBaoCao: input.kyBaoCao,
          MaDonVi: ctx.province.agencyCode,
          ChiTieu: input.chiTieu.map((c) => ({ Ma: c.ma, Ten: c.ten, GiaTri: c.giaTri, DonVi: c.donVi })),
        },
      }),
      fromProvider: receipt,
    }),
  },
});
