import type { AxiosInstance } from 'axios';
import { DEV_DVCQG_CREDENTIALS, DVCQG_LOGIN_PATH } from '../../mocks/auth/dvcqg-session';
import { json, startHarness, type Harness } from './support/mock-harness';

/** A DVCQG envelope with a session from the portal's own login. */
const dvcqg = async (c: AxiosInstance, service: string, fields: Record<string, unknown>) => {
  const { session } = json<{ session: string }>((await c.post(DVCQG_LOGIN_PATH, DEV_DVCQG_CREDENTIALS)).data);
  return c.post('/dvcqg/1.0/dongBoHoSo', { session, madonvi: '000.00.00.H06', service, ...fields });
};

/** Unknown lookups answer the provider's own not-found answer (a 404 code, or a refusal inside a 200). */
const notFound: Array<[string, (c: AxiosInstance) => Promise<{ status: number; data: unknown }>, number, Record<string, unknown>]> = [
  // The registry says "not found" inside a 200: Status "0" with the reason.
  [
    'csdl-dang-ky-doanh-nghiep',
    (c) => c.get('/apiCSDLDKDN/1.0/chiTietDoanhNghiep', { params: { msdn: '2499999999' } }),
    200,
    { DataCount: 0, Status: '0' },
  ],
  ['danh-muc-dung-chung', (c) => c.get('/dmdc/Category/khongco'), 404, { MSG: 'Category khongco not found', Count: 0 }],
  [
    'ho-tich',
    (c) => c.post('/apiHoTichTuPhap/traTrangThaiHoSo', { maDonVi: 7210, maHoSo: 'H06.22-990101-0001' }),
    200,
    { status: 0, errorCode: '201' },
  ],
  [
    'ly-lich-tu-phap',
    (c) => c.post('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs', { idReceivedDec: 'H06.22-990101-0001', infoType: '2' }),
    200,
    { STATUS: '0' },
  ],
  ['bhxh', (c) => c.post('/apiBHXH/getTraCuuTtHgdByMaSoBhxh', { maSoBhxh: '2499999999' }), 200, { hoTen: null, trangThai: '0' }],
  ['dat-dai', (c) => c.post('/datdai/1.0/traCuuThuaDat', { MaXa: '07210', SoTo: '99', SoThua: '1' }), 404, { errorCode: 'DD-404' }],
  ['buu-chinh-cong-ich', (c) => c.post('/vnpost/1.0/traCuuVanDon', { MaVanDon: 'EB000000000VN' }), 404, { errorCode: 'VD-404' }],
  [
    'dvcqg-ho-so',
    (c) =>
      dvcqg(c, 'CapNhatTienDoHoSoMC', {
        data: [{ MaHoSo: 'H06.00-000000-0000', NguoiXuLy: 'A', ThoiDiemXuLy: '20240403090000', NoiDungXuLy: 'x', TrangThai: '4' }],
      }),
    200,
    { error_code: '04', result: null },
  ],
];

describe('provider errors for unknown records and invalid requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it.each(notFound)('%s: unknown record', async (_id, call, status, body) => {
    const res = await call(h.ngsp);
    expect(res.status).toBe(status);
    expect(json(res.data)).toMatchObject(body);
  });

  it('vneid: a pair that does not match a citizen is HopLe false', async () => {
    const res = await h.ngsp.post('/vneid/1.0/xacThucTaiKhoan', { SoDinhDanh: '024090001234', SoDienThoai: '0999999999' });
    expect(json(res.data)).toMatchObject({ HopLe: false });
  });

  it('REST: a body that is not JSON, or misses fields, is 400 <PREFIX>-400 naming the problems', async () => {
    const notJson = await h.ngsp.post('/apiBHXH/getTraCuuTtHgdByMaSoBhxh', '{"maSoBhxh":', {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(json(notJson.data)).toMatchObject({ errorCode: 'BH-400' });
    const missing = await h.ngsp.post('/apiBHXH/getMaSoBhxhTheoTieuChi', { ngaySinh: '19900512', loaiNgaySinh: '0' });
    expect(missing.status).toBe(400);
    expect(String(json<{ errorMessage: string }>(missing.data).errorMessage)).toMatch(/hoTen/);
  });

  it('DVCQG: an envelope without a session, with an unknown service or without its fields is refused', async () => {
    const res = await h.ngsp.post('/dvcqg/1.0/dongBoHoSo', { madonvi: '000.00.00.H06', service: 'TraCuuHoSo', mahoso: 'x' });
    expect(res.status).toBe(200);
    expect(json(res.data)).toMatchObject({ error_code: '03', result: null });
    const unknown = await dvcqg(h.ngsp, 'XoaHoSo', { mahoso: 'x' });
    expect(json(unknown.data)).toMatchObject({ error_code: '02', result: null });
    const missing = await dvcqg(h.ngsp, 'TraCuuHoSo', {});
    expect(json(missing.data)).toMatchObject({ error_code: '01', message: expect.stringMatching(/mahoso/), result: null });
  });
});
