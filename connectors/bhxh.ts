import { z } from 'zod';
import { asArray, asRecord, badResponse, need, needNumber, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { text } from '../src/connector-kit/fields';
import { isoMonth, isoMonthToYm, ymToIsoMonth } from '../src/connector-kit/vn-time';
import { refusedInAnswer } from './provider-refusal';

const maSoBhxh = z.string().regex(/^\d{10}$/, 'must be the 10-digit social insurance number');
/** GSO codes: province 2 digits, district 3, commune 5 (as strings: leading zeros matter). */
const maTinh = z.string().regex(/^\d{2}$/, 'must be a 2-digit province code');
const maHuyen = z.string().regex(/^\d{3}$/, 'must be a 3-digit district code');
const maXa = z.string().regex(/^\d{5}$/, 'must be a 5-digit commune code');

/** `gioiTinh` on the wire: 1 Nam, 2 Nữ, 3 Khác. */
const GENDER_CODES = { Nam: '1', Nữ: '2', Khác: '3' } as const;
const GENDER_NAMES: Readonly<Record<string, string>> = { 1: 'Nam', 2: 'Nữ', 3: 'Khác' };

/**
 * A birth date as Social Security keeps it: `yyyyMMdd` with `loaiNgaySinh` 0 (full date),
 * `yyyy` with 1 (year only), `yyyyMM` with 2 (year and month).
 */
const ngaySinh = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

function birthToWire(iso: string): { ngaySinh: string; loaiNgaySinh: string } {
  const digits = iso.replaceAll('-', '');
  return { ngaySinh: digits, loaiNgaySinh: digits.length === 8 ? '0' : digits.length === 4 ? '1' : '2' };
}

function birthFromWire(value: string, kind: string | null): string {
  const m = /^(\d{4})(\d{2})?(\d{2})?$/.exec(value);
  if (!m) throw badResponse("The provider's ngaySinh is not yyyyMMdd");
  if (kind === '1') return m[1] as string;
  if (kind === '2') return `${m[1]}-${m[2] ?? '01'}`;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : (m[1] as string);
}

/** `trangThai` "0" with nothing found: the person or code is unknown to Social Security. */
function found(r: Record<string, unknown>, key: string): void {
  if (r[key] === null || r[key] === undefined || r[key] === '') {
    throw refusedInAnswer(
      optString(r, 'errorCode') ?? `trangThai-${optString(r, 'trangThai') ?? ''}`,
      'Không tìm thấy thông tin bảo hiểm xã hội',
    );
  }
}

/** Vietnam Social Security, REST JSON through the provincial platform's `apiBHXH`. */
export const bhxh = defineConnector({
  id: 'bhxh',
  fidelity: 'public-artefacts',
  sources: [
    'Quảng Bình provincial LGSP API guide "Tài liệu hướng dẫn kết nối API thông qua NGSP" (api.quangbinh.gov.vn): Dịch vụ bảo hiểm xã hội — getTraCuuTtHgdByMaSoBhxh, getMaSoBhxhTheoTieuChi',
    'a public Node client of api.quangbinh.gov.vn (enhanced_bhxh_lookup.js): POST /apiBHXH/getTraCuuTtHgdByMaSoBhxh {maSoBhxh}, POST /apiBHXH/getMaSoBhxhTheoTieuChi {hoTen, ngaySinh, loaiNgaySinh, gioiTinh, maTinhKs, maHuyenKs, maXaKs, isKs}',
  ],
  protocol: 'rest',
  operations: {
    'tra-cuu-thong-tin': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/getTraCuuTtHgdByMaSoBhxh' },
      input: z.object({ maSoBhxh }),
      personalFields: ['maSoBhxh'],
      toProvider: (input) => ({ kind: 'json', body: { maSoBhxh: input.maSoBhxh } }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'household information');
        found(r, 'hoTen');
        const gioiTinh = needString(r, 'gioiTinh');
        return {
          hoTen: needString(r, 'hoTen'),
          soSoCu: optString(r, 'soSoCu'),
          ngaySinh: birthFromWire(needString(r, 'ngaySinh'), optString(r, 'loaiNgaySinh')),
          gioiTinh: GENDER_NAMES[gioiTinh] ?? gioiTinh,
          noiKhaiSinh: { maTinh: optString(r, 'maTinhKs'), maHuyen: optString(r, 'maHuyenKs'), maXa: optString(r, 'maXaKs') },
          trangThai: optString(r, 'trangThai'),
        };
      },
    }),
    'tra-cuu-ma-so': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/getMaSoBhxhTheoTieuChi' },
      input: z.object({
        hoTen: text(200),
        ngaySinh,
        gioiTinh: z.enum(['Nam', 'Nữ', 'Khác']),
        maTinh,
        maHuyen: maHuyen.optional(),
        maXa: maXa.optional(),
        /** Which address the codes name: the birth registration's (default) or the household registration's. */
        theoDiaChi: z.enum(['khai-sinh', 'ho-khau']).optional(),
      }),
      personalFields: ['hoTen', 'ngaySinh'],
      toProvider: (input) => ({
        kind: 'json',
        body: {
          hoTen: input.hoTen,
          ...birthToWire(input.ngaySinh),
          gioiTinh: GENDER_CODES[input.gioiTinh],
          maTinhKs: input.maTinh,
          maHuyenKs: input.maHuyen ?? '',
          maXaKs: input.maXa ?? '',
          isKs: input.theoDiaChi === 'ho-khau' ? '0' : '1',
        },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'social insurance number');
        found(r, 'maSoBhxh');
        return { maSoBhxh: needString(r, 'maSoBhxh'), trangThai: optString(r, 'trangThai') };
      },
    }),
    // No public artefact describes the contribution history: this is the project's model of it, in the provider's REST style.
    'tra-cuu-qua-trinh-dong': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/traCuuQuaTrinhDong' },
      fidelity: 'modelled',
      input: z.object({ maSoBhxh, tuThang: isoMonth, denThang: isoMonth }),
      personalFields: ['maSoBhxh'],
      toProvider: (input) => ({
        kind: 'json',
        body: { maSoBhxh: input.maSoBhxh, tuThang: isoMonthToYm(input.tuThang), denThang: isoMonthToYm(input.denThang) },
      }),
      fromProvider: (answer) => {
        const r = asRecord(answer, 'contribution history');
        return {
          maSoBhxh: needString(r, 'maSoBhxh'),
          hoTen: optString(r, 'hoTen'),
          quaTrinh: asArray(need(r, 'quaTrinh')).map((row) => {
            const d = asRecord(row, 'quaTrinh item');
            return {
              tuThang: ymToIsoMonth(needString(d, 'tuThang')),
              denThang: ymToIsoMonth(needString(d, 'denThang')),
              donVi: optString(d, 'donVi'),
              mucLuong: needNumber(d, 'mucLuong'),
            };
          }),
        };
      },
    }),
  },
});
