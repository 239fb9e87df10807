import { z } from 'zod';
import { COMMUNES, communeAddress, PROVINCE_CODE, type Commune } from '../../data/administrative-units';
import type { MockData } from '../../data/mock-data';
import type { InsuranceRecord } from '../../data/records';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { yearMonthField } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

const maSoBhxh = z.string().regex(/^\d{10}$/, 'phải gồm 10 chữ số');
/** Every field of these APIs is a string, codes included. */
const digits = (n: number, what: string) => z.string().regex(new RegExp(`^\\d{${n}}$`), what);
const optionalCode = (n: number, what: string) => z.union([z.literal(''), digits(n, what)]).optional();

/** What Social Security knows of an insured person besides the contribution history. */
interface Household {
  readonly hoTen: string;
  readonly ngaySinh: string;
  readonly gioiTinh: '1' | '2';
  readonly birthPlace: Commune | undefined;
}

const communeByAddress = new Map(COMMUNES.map((c) => [communeAddress(c), c]));

/** The insured person's name, birth and birthplace, from the population record their id points to. */
function household(data: MockData, record: InsuranceRecord): Household {
  const citizen = data.citizens.get(record.SoDinhDanh);
  return {
    hoTen: record.HoTen,
    ngaySinh: citizen?.NgayThangNamSinh ?? '',
    gioiTinh: citizen?.GioiTinh === 'Nữ' ? '2' : '1',
    birthPlace: citizen ? communeByAddress.get(citizen.QueQuan) : undefined,
  };
}

/** `getTraCuuTtHgdByMaSoBhxh`'s answer; an unknown code answers the same fields empty, `trangThai` "0". */
function householdAnswer(h: Household | null, maSo: string): Record<string, string | null> {
  if (h === null) {
    return {
      hoTen: null,
      soSoCu: null,
      ngaySinh: null,
      loaiNgaySinh: null,
      gioiTinh: null,
      maTinhKs: null,
      maHuyenKs: null,
      maXaKs: null,
      trangThai: '0',
    };
  }
  return {
    hoTen: h.hoTen,
    // Books issued before the 2016 numbering kept their number as the social insurance code.
    soSoCu: maSo,
    ngaySinh: h.ngaySinh,
    loaiNgaySinh: '0',
    gioiTinh: h.gioiTinh,
    maTinhKs: PROVINCE_CODE,
    maHuyenKs: h.birthPlace?.districtCode ?? '',
    maXaKs: h.birthPlace?.code ?? '',
    trangThai: '1',
  };
}

const criteria = z
  .object({
    hoTen: z.string().trim().min(1),
    ngaySinh: z.string().regex(/^\d{4}(\d{2}(\d{2})?)?$/, 'định dạng yyyyMMdd, yyyyMM hoặc yyyy'),
    loaiNgaySinh: z.enum(['0', '1', '2']),
    gioiTinh: z.enum(['1', '2', '3']),
    maTinhKs: digits(2, 'mã tỉnh gồm 2 chữ số'),
    maHuyenKs: optionalCode(3, 'mã huyện gồm 3 chữ số'),
    maXaKs: optionalCode(5, 'mã xã gồm 5 chữ số'),
    isKs: z.enum(['0', '1']),
  })
  .refine((v) => v.ngaySinh.length === { 0: 8, 1: 4, 2: 6 }[v.loaiNgaySinh], {
    message: 'ngaySinh không khớp loaiNgaySinh',
    path: ['ngaySinh'],
  });

function matches(h: Household, c: z.output<typeof criteria>): boolean {
  const place = h.birthPlace;
  return (
    h.hoTen.localeCompare(c.hoTen, 'vi', { sensitivity: 'accent' }) === 0 &&
    h.ngaySinh.startsWith(c.ngaySinh) &&
    h.gioiTinh === c.gioiTinh &&
    c.maTinhKs === PROVINCE_CODE &&
    (!c.maHuyenKs || c.maHuyenKs === place?.districtCode) &&
    (!c.maXaKs || c.maXaKs === place?.code)
  );
}

const contributionInput = z
  .object({ maSoBhxh, tuThang: yearMonthField, denThang: yearMonthField })
  .refine((v) => v.tuThang <= v.denThang, { message: 'tuThang phải trước denThang', path: ['denThang'] });

/**
 * Vietnam Social Security behind the provincial platform's `apiBHXH` (REST JSON). The
 * household and code lookups follow the provincial guide; the contribution history has no
 * public artefact and is modelled in the same style.
 */
export function createBhxhService({ data }: ServiceDeps): MockService {
  return defineRestService({
    id: 'bhxh',
    providerName: 'Bảo hiểm xã hội Việt Nam',
    errorPrefix: 'BH',
    auth: 'lgsp-access-token',
    fidelity: 'public-artefacts',
    operations: [
      restOperation({
        operationId: 'tra-cuu-thong-tin',
        path: '/apiBHXH/getTraCuuTtHgdByMaSoBhxh',
        input: z.object({ maSoBhxh }),
        handle: ({ maSoBhxh: maSo }) => {
          const record = data.insurance.get(maSo);
          return householdAnswer(record ? household(data, record) : null, maSo);
        },
      }),
      restOperation({
        operationId: 'tra-cuu-ma-so',
        path: '/apiBHXH/getMaSoBhxhTheoTieuChi',
        input: criteria,
        handle: (c) => {
          const hits = [...data.insurance.values()].filter((r) => matches(household(data, r), c));
          // errorCode "0" found, "1" nobody matches, "2" several people match: narrow the criteria.
          if (hits.length === 1) return { maSoBhxh: hits[0]?.MaSoBHXH, trangThai: '1', errorCode: '0' };
          return { maSoBhxh: null, trangThai: '0', errorCode: hits.length === 0 ? '1' : '2' };
        },
      }),
      restOperation({
        operationId: 'tra-cuu-qua-trinh-dong',
        path: '/apiBHXH/traCuuQuaTrinhDong',
        input: contributionInput,
        handle: ({ maSoBhxh: maSo, tuThang, denThang }) => {
          const record = data.insurance.get(maSo);
          if (record === undefined) throw notFound('BH-404', 'Không tìm thấy mã số BHXH');
          const periods = record.QuaTrinh.filter((p) => p.DenThang >= tuThang && p.TuThang <= denThang);
          return {
            maSoBhxh: maSo,
            hoTen: record.HoTen,
            quaTrinh: periods.map((p) => ({ tuThang: p.TuThang, denThang: p.DenThang, donVi: p.DonVi, mucLuong: p.MucLuong })),
          };
        },
      }),
    ],
  });
}
