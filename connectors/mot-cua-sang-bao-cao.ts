import { z } from 'zod';
import { receipt } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';

/** Internal: the one-stop system's periodic TTHC indicators to the provincial reporting system. */
export const motCuaSangBaoCao = defineConnector({
  id: 'mot-cua-sang-bao-cao',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'gui-chi-tieu-tthc': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/chiTieuTTHC' },
      input: z.object({
        kyBaoCao: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'must be YYYY-MM or YYYY-Qn'),
        chiTieu: z
          .array(z.object({ ma: z.string().min(1).max(50), giaTri: z.number() }))
          .min(1)
          .max(500),
      }),
      toProvider: (input, ctx) => ({
        kind: 'json',
        body: {
          KyBaoCao: input.kyBaoCao,
          MaDonVi: ctx.province.agencyCode,
          ChiTieu: input.chiTieu.map((c) => ({ Ma: c.ma, GiaTri: c.giaTri })),
        },
      }),
      fromProvider: receipt,
    }),
  },
});
