import { z } from 'zod';
import { asArray, asRecord, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maSoThue } from '../src/connector-kit/fields';
import { ymdToIso } from '../src/connector-kit/vn-time';

/** National business registration database (Ministry of Planning and Investment). */
export const csdlDangKyDoanhNghiep = defineConnector({
  id: 'csdl-dang-ky-doanh-nghiep',
  fidelity: 'modelled',
  sources: [],
  protocol: 'rest',
  operations: {
    'chi-tiet-doanh-nghiep': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/chiTietDoanhNghiep' },
      input: z.object({ maSoDoanhNghiep: maSoThue }),
      toProvider: (input) => ({ kind: 'json', body: { msdn: input.maSoDoanhNghiep } }),
      fromProvider: (answer) => {
        const d = asRecord(answer, 'business record');
        return {
          maSoDoanhNghiep: needString(d, 'MaSoDoanhNghiep'),
          tenDoanhNghiep: needString(d, 'TenDoanhNghiep'),
          tenTiengAnh: optString(d, 'TenTiengAnh'),
          diaChi: optString(d, 'DiaChiTruSo'),
          nguoiDaiDien: optString(d, 'NguoiDaiDien'),
          ngayThanhLap: ymdToIso(d['NgayThanhLap']),
          tinhTrang: optString(d, 'TinhTrang'),
          nganhNghe: asArray(d['NganhNghe']).map((n) => {
            const r = asRecord(n, 'NganhNghe');
            return { ma: needString(r, 'Ma'), ten: optString(r, 'Ten') };
          }),
        };
      },
    }),
  },
});
