import { z } from 'zod';
import { asRecord, needString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maHoSo } from '../src/connector-kit/fields';
import { isoDateTime, isoToDvcqgTime } from '../src/connector-kit/vn-time';

/** Internal: the one-stop system hands a dossier over to the document workflow. */
export const motCuaSangQlvb = defineConnector({
  id: 'mot-cua-sang-qlvb',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'chuyen-ho-so': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/tiepNhanHoSo' },
      input: z.object({
        maHoSo,
        tenThuTuc: z.string().min(1).max(1000),
        chuHoSo: z.string().min(1).max(200),
        trichYeu: z.string().min(1).max(2000),
        ngayTiepNhan: isoDateTime,
        donViXuLy: z.string().min(1).max(500),
      }),
      personalFields: ['chuHoSo'],
      toProvider: (input) => ({
        kind: 'json',
        body: {
          MaHoSo: input.maHoSo,
          TenThuTuc: input.tenThuTuc,
          ChuHoSo: input.chuHoSo,
          TrichYeu: input.trichYeu,
          NgayTiepNhan: isoToDvcqgTime(input.ngayTiepNhan),
          DonViXuLy: input.donViXuLy,
        },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'receipt');
        return { maVanBanDen: needString(r, 'MaVanBanDen'), trangThai: needString(r, 'TrangThai') };
      },
    }),
  },
});
