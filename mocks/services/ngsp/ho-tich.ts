import { z } from 'zod';
import { COMMUNES } from '../../data/administrative-units';
import { unitCode } from '../../data/civil-records';
import { civilDossierKey } from '../../data/records';
import type { MockService, ProtocolAdapter } from '../../protocols/mock-service';
import { ProviderError } from '../../protocols/provider-error';
import { jsonReply } from '../../protocols/replies';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { parseXml, XmlParseError, type XmlNode } from '../../protocols/xml-document';
import type { ServiceDeps } from '../service-deps';

const PREFIX = 'HT';
/** Registering units the civil-status system knows: Bắc Giang's communes. */
const UNITS = new Set(COMMUNES.map((c) => unitCode(c.code)));
/** Business codes accepted on `dangKyHoTich`: births, deaths, marriages. */
const MODULES = new Set(['KS', 'KT', 'KH']);
/** Elements a birth registration (module KS) cannot go without. */
const BIRTH_REQUIRED = ['noiDangKy', 'nksHoTen', 'nksGioiTinh', 'nksNgaySinh', 'nksNoiSinh', 'nksLoaiKhaiSinh'] as const;
const DMY = /^\d{2}\/\d{2}\/\d{4}$/;

/** The ministry's error codes (provincial guide, civil-status services). */
const AGENCY_ID_INCORRECT = (): ProviderError => new ProviderError('106', 'AGENCY_ID_INCORRECT - Mã đơn vị không chính xác.', 200);
const RECORD_NOT_FOUND = (): ProviderError =>
  new ProviderError('201', 'RECORD_NOT_FOUND - Hồ sơ không tồn tại, đề nghị xem lại số phiếu tiếp nhận.', 200);
const dataIncorrect = (detail: string): ProviderError => new ProviderError('500', `DATA_INCORRECT - ${detail}`, 200);

/**
 * `{"status":0,"errorCode","errorMessage"}`. The ministry refuses content inside a 200 answer
 * (a request the mock cannot read is DATA_INCORRECT, 500); the `error` fault keeps its status.
 */
export const hoTichProtocol: ProtocolAdapter = {
  name: 'rest-json',
  errorReply: (error, status) => {
    const unreadable = error.code === `${PREFIX}-400`;
    const code = unreadable ? '500' : error.code;
    const message = unreadable ? `DATA_INCORRECT - ${error.message}` : error.message;
    return jsonReply({ status: 0, errorCode: code, errorMessage: message }, status ?? (unreadable ? 200 : error.status));
  },
};

const maDonVi = z.number().int().positive();
const registration = z.object({
  maDonVi,
  module: z.string().min(1),
  maHoSo: z.string().trim().min(1),
  ngayTiepNhan: z.iso.date(),
  data: z.string().min(1),
});

function knownUnit(unit: number): void {
  if (!UNITS.has(unit)) throw AGENCY_ID_INCORRECT();
}

/** The `<hotich><hoso>` message: its elements by name, refused when it is not that document. */
async function hoso(data: string): Promise<Map<string, string>> {
  let root: XmlNode;
  try {
    root = await parseXml(data);
  } catch (err) {
    if (err instanceof XmlParseError) throw dataIncorrect(`data không phải XML hợp lệ: ${err.message}`);
    throw err;
  }
  const record = root.local === 'hotich' ? root.children.find((c) => c.local === 'hoso') : undefined;
  if (record === undefined) throw dataIncorrect('data phải có dạng <hotich><hoso>…</hoso></hotich>');
  return new Map(record.children.map((c) => [c.local, c.text.trim()]));
}

function checkBirth(fields: Map<string, string>, unit: number): void {
  const missing = BIRTH_REQUIRED.filter((name) => !fields.get(name));
  if (missing.length > 0) throw dataIncorrect(`thiếu ${missing.join(', ')}`);
  if (fields.get('noiDangKy') !== String(unit)) throw dataIncorrect('noiDangKy khác maDonVi');
  if (!['1', '2', '3'].includes(fields.get('nksGioiTinh') ?? '')) throw dataIncorrect('nksGioiTinh phải là 1, 2 hoặc 3');
  if (!DMY.test(fields.get('nksNgaySinh') ?? '')) throw dataIncorrect('nksNgaySinh phải có dạng dd/MM/yyyy');
  // Without a determined mother (loai 2, 4, 5) the mother's elements may be absent.
  if (['1', '3'].includes(fields.get('nksLoaiKhaiSinh') ?? '') && !fields.get('meHoTen')) throw dataIncorrect('thiếu meHoTen');
}

/** Electronic civil-status database (Ministry of Justice) behind the provincial platform's `apiHoTichTuPhap`. */
export function createHoTichService(deps: ServiceDeps): MockService {
  const { data } = deps;
  return defineRestService({
    id: 'ho-tich',
    providerName: 'Cơ sở dữ liệu hộ tịch điện tử (Bộ Tư pháp)',
    errorPrefix: PREFIX,
    auth: 'lgsp-access-token',
    fidelity: 'public-artefacts',
    protocol: hoTichProtocol,
    operations: [
      restOperation({
        operationId: 'dang-ky-khai-sinh',
        path: '/apiHoTichTuPhap/dangKyHoTich',
        input: registration,
        handle: async (input) => {
          knownUnit(input.maDonVi);
          if (!MODULES.has(input.module)) throw dataIncorrect(`module ${input.module} không hợp lệ`);
          const fields = await hoso(input.data);
          if (input.module === 'KS') checkBirth(fields, input.maDonVi);
          // A dossier sent again (same unit, same receipt number) replaces the earlier one: the one-stop desk resends corrections.
          data.birthRegistrations.set(civilDossierKey(input.maDonVi, input.maHoSo), {
            maDonVi: input.maDonVi,
            maHoSo: input.maHoSo,
            module: input.module,
            ngayTiepNhan: input.ngayTiepNhan,
            trangThai: 1,
            nksHoTen: fields.get('nksHoTen') ?? '',
            nksNgaySinh: fields.get('nksNgaySinh') ?? '',
          });
          return { status: 1 };
        },
      }),
      restOperation({
        operationId: 'tra-cuu',
        path: '/apiHoTichTuPhap/traTrangThaiHoSo',
        input: z.object({ maDonVi, maHoSo: z.string().trim().min(1) }),
        handle: ({ maDonVi: unit, maHoSo }) => {
          knownUnit(unit);
          const record = data.birthRegistrations.get(civilDossierKey(unit, maHoSo));
          if (record === undefined) throw RECORD_NOT_FOUND();
          return { status: record.trangThai };
        },
      }),
    ],
  });
}
