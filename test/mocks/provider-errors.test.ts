import type { AxiosInstance } from 'axios';
import { json, startHarness, type Harness } from './support/mock-harness';

const dvcqg = (service: string, data: unknown[]) => ({ session: 's', madonvi: '000.00.00.H06', service, isUpdating: false, data });

/** Unknown lookups answer the provider's own 404 code (docs/wire-formats.md). */
const notFound: Array<[string, (c: AxiosInstance) => Promise<{ status: number; data: unknown }>, number, Record<string, unknown>]> = [
  ['csdl-dang-ky-doanh-nghiep', (c) => c.post('/apiCSDLDKDN/1.0/chiTietDoanhNghiep', { msdn: '2499999999' }), 404, { errorCode: 'DN-404' }],
  ['danh-muc-dung-chung', (c) => c.get('/dmdc/1.0/AllCategory', { params: { maDanhMuc: 'DM_KHONG_CO' } }), 404, { errorCode: 'DM-404' }],
  ['ho-tich', (c) => c.post('/hotich/1.0/traCuu', { SoDangKy: 'KS-1999-000001' }), 404, { errorCode: 'HT-404' }],
  ['ly-lich-tu-phap', (c) => c.post('/lltp/1.0/traCuuKetQua', { MaYeuCau: 'LLTP-1999-000001' }), 404, { errorCode: 'LL-404' }],
  ['dat-dai', (c) => c.post('/datdai/1.0/traCuuThuaDat', { MaXa: '07210', SoTo: '99', SoThua: '1' }), 404, { errorCode: 'DD-404' }],
  ['buu-chinh-cong-ich', (c) => c.post('/vnpost/1.0/traCuuVanDon', { MaVanDon: 'EB000000000VN' }), 404, { errorCode: 'VD-404' }],
  ['dvcqg-ho-so', (c) => c.post('/dvcqg/1.0/dongBoHoSo', dvcqg('TraCuuHoSo', [{ MaHoSo: 'H06.00-000000-0000' }])), 200, { error_code: '04', result: null }],
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
    const notJson = await h.ngsp.post('/hotich/1.0/traCuu', '{"SoDangKy":', { headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(json(notJson.data)).toMatchObject({ errorCode: 'HT-400' });
    const missing = await h.ngsp.post('/lltp/1.0/guiYeuCau', { MaHoSo: 'x', LoaiPhieu: 3 });
    expect(missing.status).toBe(400);
    expect(String(json<{ errorMessage: string }>(missing.data).errorMessage)).toMatch(/SoDinhDanh/);
  });

  it('DVCQG: an envelope without session or an unknown service is refused', async () => {
    const res = await h.ngsp.post('/dvcqg/1.0/dongBoHoSo', { madonvi: '000.00.00.H06', service: 'XoaHoSo', isUpdating: false, data: [{}] });
    expect(res.status).toBe(200);
    expect(json(res.data)).toMatchObject({ error_code: 'DVC-400', result: null });
    const unknown = await h.ngsp.post('/dvcqg/1.0/dongBoHoSo', dvcqg('XoaHoSo', [{ MaHoSo: 'x' }]));
    expect(json(unknown.data)).toMatchObject({ error_code: 'DVC-400' });
  });
});
