import { z } from 'zod';
import { asArray, asRecord, badResponse, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maSoThue } from '../src/connector-kit/fields';
import { refusedInAnswer } from './provider-refusal';

/** `dd/MM/yyyy` (the registry's dates) → `yyyy-MM-dd`; null when absent. */
export function dmyToIso(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(String(value));
  if (!m) throw badResponse(`The provider's date ${String(value)} is not dd/MM/yyyy`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

const optNumber = (r: Record<string, unknown>, key: string): number | null => {
  const value = r[key];
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) throw badResponse(`The provider's ${key} is not a number`);
  return n;
};

/** The registry keeps unit ids as numbers: a commune code such as 07210 comes back as 7210. */
const unitCode = (r: Record<string, unknown>, key: string, width: number): string | null => {
  const n = optNumber(r, key);
  return n === null ? null : String(n).padStart(width, '0');
};

function headOffice(answer: Record<string, unknown>) {
  const a = answer['HOAdress'] === undefined || answer['HOAdress'] === null ? {} : asRecord(answer['HOAdress'], 'HOAdress');
  return {
    full: optString(a, 'AddressFullText'),
    parts: {
      maTinh: unitCode(a, 'CityID', 2),
      tenTinh: optString(a, 'CityName'),
      maHuyen: unitCode(a, 'DistrictID', 3),
      tenHuyen: optString(a, 'DistrictName'),
      maXa: unitCode(a, 'WardID', 5),
      tenXa: optString(a, 'WardName'),
      soNha: optString(a, 'StreetNumber'),
    },
  };
}

function enterprise(answer: unknown) {
  const d = asRecord(answer, 'enterprise record');
  // "Status" 1 is success, 0 failure with the reason in "Message" (an unknown msdn among them).
  if (String(d['Status'] ?? '') !== '1') throw refusedInAnswer(`Status-${String(d['Status'] ?? '')}`, optString(d, 'Message') ?? '');
  const main = asRecord(d['MainInformation'], 'MainInformation');
  const office = headOffice(d);
  return {
    maSoDoanhNghiep: needString(main, 'ENTERPRISE_GDT_CODE'),
    tenDoanhNghiep: needString(main, 'NAME'),
    tenVietTat: optString(main, 'SHORT_NAME'),
    tenTiengAnh: optString(main, 'NAME_F'),
    loaiHinh: optString(main, 'ENTERPRISE_TYPE_NAME'),
    diaChi: office.full,
    diaChiTruSo: office.parts,
    nguoiDaiDien: optString(main, 'LEGAL_NAMES'),
    nguoiDaiDienPhapLuat: asArray(d['Representatives']).map((p) => needString(asRecord(p, 'Representatives'), 'FULL_NAME')),
    ngayThanhLap: dmyToIso(main['FOUNDING_DATE']),
    ngayThayDoiGanNhat: dmyToIso(main['LAST_AMEND_DATE']),
    soLanThayDoi: optNumber(main, 'NUMBER_CHANGES'),
    tinhTrang: optString(main, 'ENTERPRISE_STATUS_NAME') ?? optString(main, 'ENTERPRISE_STATUS'),
    maTinhTrang: optString(main, 'ENTERPRISE_STATUS'),
    vonDieuLe: optNumber(main, 'CAPITAL_AMOUNT'),
    nganhNghe: asArray(d['BusinessActivity']).map((n) => {
      const r = asRecord(n, 'BusinessActivity');
      return { ma: needString(r, 'CODE'), ten: optString(r, 'NAME'), laNganhChinh: optString(r, 'IS_MAIN') === 'Y' };
    }),
    thanhVienGopVon: asArray(d['Member']).map((m) => {
      const r = asRecord(m, 'Member');
      return {
        ten: needString(r, 'MEMBER_NAME'),
        vonGop: optNumber(r, 'AMOUNT'),
        tyLePhanTram: optNumber(r, 'RATIO_PERCENT'),
        quocGia: optString(r, 'COUNTRY'),
      };
    }),
  };
}

/** National business registration database (Ministry of Planning and Investment), through NGSP. */
export const csdlDangKyDoanhNghiep = defineConnector({
  id: 'csdl-dang-ky-doanh-nghiep',
  fidelity: 'public-artefacts',
  sources: [
    'Provincial LGSP API guide "Tài liệu hướng dẫn kết nối API thông qua NGSP" (api.quangbinh.gov.vn): apiCSDLDKDN/chiTietDoanhNghiep?msdn=, GET, answer field list',
    'VietOpenCPS/opencps-v2: modules/backend-api-rest/src/main/java/org/opencps/api/controller/impl/ApplicantManagementImpl.java (ngspGetApplicantInfo: NGSP path /apiCSDLDKDN/1.0/chiTietDoanhNghiep, MainInformation.NAME, Representatives.FULL_NAME)',
    'OpenCPS front-end (getApplicantInfos): MainInformation.ENTERPRISE_STATUS_NAME, HOAdress.AddressFullText, Representatives as an object or an array',
  ],
  protocol: 'rest',
  operations: {
    'chi-tiet-doanh-nghiep': defineOperation({
      wire: { protocol: 'rest', method: 'GET', path: '/chiTietDoanhNghiep' },
      input: z.object({ maSoDoanhNghiep: maSoThue }),
      toProvider: (input) => ({ kind: 'query', query: { msdn: input.maSoDoanhNghiep } }),
      fromProvider: enterprise,
    }),
  },
});
