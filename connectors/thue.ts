import { z } from 'zod';
import { asArray, asRecord, needNumber, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { amount, maHoSo, maSoThue } from '../src/connector-kit/fields';
import { isoDateTime, isoToDvcqgTime, ymdToIso } from '../src/connector-kit/vn-time';

/** General Department of Taxation, SOAP 1.1: financial obligations of a dossier, tax notices. */
export const thue = defineConnector({
  id: 'thue',
  fidelity: 'modelled',
  sources: [],
  protocol: 'soap',
  namespace: 'http://tct.gdt.gov.vn/lgsp',
  operations: {
    'nghia-vu-tai-chinh': defineOperation({
      wire: { protocol: 'soap', operation: 'GuiNghiaVuTaiChinh', responseElement: 'GuiNghiaVuTaiChinhResponse' },
      input: z.object({ maHoSo, maSoThue, loaiNghiaVu: z.string().min(1).max(100), soTien: amount, ngayPhatSinh: isoDateTime }),
      toProvider: (input) => ({
        kind: 'json',
        body: {
          MaHoSo: input.maHoSo,
          MaSoThue: input.maSoThue,
          LoaiNghiaVu: input.loaiNghiaVu,
          SoTien: input.soTien,
          NgayPhatSinh: isoToDvcqgTime(input.ngayPhatSinh),
        },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'GuiNghiaVuTaiChinhResponse');
        return { maThongBao: needString(r, 'MaThongBao'), trangThai: needString(r, 'TrangThai') };
      },
    }),
    'tra-cuu-thong-bao-thue': defineOperation({
      wire: { protocol: 'soap', operation: 'TraCuuThongBaoThue', responseElement: 'TraCuuThongBaoThueResponse' },
      input: z.object({ maSoThue }),
      toProvider: (input) => ({ kind: 'json', body: { MaSoThue: input.maSoThue } }),
      fromProvider: (answer) => ({
        thongBao: asArray(asRecord(answer, 'TraCuuThongBaoThueResponse')['ThongBao']).map((row) => {
          const t = asRecord(row, 'ThongBao');
          return {
            maThongBao: needString(t, 'MaThongBao'),
            maHoSo: optString(t, 'MaHoSo'),
            soTien: needNumber(t, 'SoTien'),
            hanNop: ymdToIso(t['HanNop']),
            trangThai: needString(t, 'TrangThai'),
          };
        }),
      }),
    }),
  },
});
