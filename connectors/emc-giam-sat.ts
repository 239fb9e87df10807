import { z } from 'zod';
import { asRecord, needString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maHoSo } from '../src/connector-kit/fields';
import { isoDateTime, isoToDvcqgTime } from '../src/connector-kit/vn-time';

/** Online-public-service monitoring (EMC, TrackingMCDT): one event per dossier step. */
export const emcGiamSat = defineConnector({
  id: 'emc-giam-sat',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'ghi-nhan-su-kien': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/ghiNhanSuKien' },
      input: z.object({
        maHoSo,
        maThuTuc: z.string().min(1).max(50),
        trangThai: z.number().int().min(1).max(10),
        thoiDiem: isoDateTime,
        kenh: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      }),
      toProvider: (input, ctx) => ({
        kind: 'json',
        body: { MaHoSo: input.maHoSo, MaTTHC: input.maThuTuc, TrangThai: input.trangThai, ThoiDiem: isoToDvcqgTime(input.thoiDiem), KenhTiepNhan: input.kenh, MaDonVi: ctx.province.agencyCode },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'acknowledgement');
        return { ketQua: needString(r, 'KetQua'), maSuKien: needString(r, 'MaSuKien') };
      },
    }),
  },
});
