import { z } from 'zod';
import { asRecord, needNumber, needString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { amount } from '../src/connector-kit/fields';

/** National price database (Ministry of Finance): the province's price reports. */
export const csdlGia = defineConnector({
  id: 'csdl-gia',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'gui-du-lieu-gia': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/guiDuLieuGia' },
      input: z.object({
        kyBaoCao: z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'must be YYYY-MM or YYYY-Qn'),
        matHang: z.array(z.object({ maHangHoa: z.string().min(1).max(50), tenHangHoa: z.string().min(1).max(300), donViTinh: z.string().min(1).max(50), gia: amount })).min(1).max(5000),
      }),
      toProvider: (input, ctx) => ({
        kind: 'json',
        body: {
          MaDonVi: ctx.province.agencyCode,
          KyBaoCao: input.kyBaoCao,
          MatHang: input.matHang.map((m) => ({ MaHangHoa: m.maHangHoa, TenHangHoa: m.tenHangHoa, DonViTinh: m.donViTinh, Gia: m.gia })),
        },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'receipt');
        return { maTiepNhan: needString(r, 'MaTiepNhan'), soMatHang: needNumber(r, 'SoMatHang'), trangThai: needString(r, 'TrangThai') };
      },
    }),
  },
});
