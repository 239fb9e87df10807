import { c06Password, DEV_C06_CREDENTIALS } from '../../../mocks/auth/c06-basic';

export const DAN_CU_NS = 'http://dancuquocgia.bca';
export const DAN_CU_PATH = '/dancuquocgia/1.0/DanCuService';

/** The `c06-basic` headers a population-database client sends, signed now for `path`. */
export function c06Headers(path = DAN_CU_PATH): Record<string, string> {
  const timestamp = String(Date.now());
  const { username, secret, apiKey, xRoadClient } = DEV_C06_CREDENTIALS;
  const basic = Buffer.from(`${username}:${c06Password(path, username, timestamp, secret)}`).toString('base64');
  return { Timestamp: timestamp, Authorization: `Basic ${basic}`, 'X-Road-Client': xRoadClient, ApiKey: apiKey, SOAPAction: '""' };
}

/** The fields of a population-database request for the anchor citizen; `NgayThangNamSinh` nested under `prefix`. */
export function danCuRequest(prefix = 'q', overrides: Record<string, string> = {}): Record<string, string> {
  return {
    MaYeuCau: 'YC-0001',
    MaDVC: 'VPCP',
    MaTichHop: '033',
    MaDonVi: '000.00.00.H06',
    MaCanBo: 'cb01',
    SoDinhDanh: '024090001234',
    HoVaTen: 'Nguyễn Văn An',
    NgayThangNamSinh: `<${prefix}:NgayThangNam>19900512</${prefix}:NgayThangNam>`,
    ...overrides,
  };
}
