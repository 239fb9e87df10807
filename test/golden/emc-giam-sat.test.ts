import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

const SERVICE = 'emc-giam-sat';
const PATH = '/TrackingMCDT';

let golden: GoldenStack;

beforeAll(async () => {
  golden = await startGoldenStack(SERVICE);
});

afterAll(async () => {
  await golden?.close();
});

const parse = <T = Record<string, unknown>>(body: unknown): T => JSON.parse(String(body)) as T;
const example = (): Record<string, unknown> =>
  golden.gateway.catalog.getConnection(SERVICE).operations[0]!.example as Record<string, unknown>;

// A golden TrackingMCDT event, written for these tests: codes as strings, SiteId a number, User a JSON string.
const GOLDEN_EVENT = {
  CodeProfile: 'H06.22-240402-0031',
  SiteId: 24,
  CodeTTHC: '1.001612',
  NameTTHC: 'Đăng ký thành lập hộ kinh doanh',
  MaHoSo: 'H06.22-240402-0031',
  Status: '1',
  FormsReception: '1',
  FormsPayments: '1',
  Level: '4',
  IsFromDVCQG: '0',
  IsDVCBC: '0',
  Data: null,
  User: JSON.stringify({ ID_local: '024185006789', ID_QG: '024185006789', TYPE: '2', LOCATION: '24' }),
};

describe('TrackingMCDT (ghi-nhan-su-kien)', () => {
  test('a golden event is accepted without credentials', async () => {
    const res = await golden.mock(SERVICE).post(PATH, GOLDEN_EVENT);
    expect(res.status).toBe(200);
    expect(parse(res.data)).toEqual({ KetQua: 'OK', MaSuKien: expect.stringMatching(/^EMC\d{14}$/) });
  });

  test('the old invented shape is refused, naming the missing fields; the old path is not served', async () => {
    const old = {
      MaHoSo: 'H06.22-240315-0001',
      MaTTHC: '1.001612',
      TrangThai: 4,
      ThoiDiem: '20240316090000',
      KenhTiepNhan: 2,
      MaDonVi: '000.00.00.H06',
    };
    const res = await golden.mock(SERVICE).post(PATH, old);
    expect(res.status).toBe(400);
    const body = parse<{ errorCode: string; errorMessage: string }>(res.data);
    expect(body.errorCode).toBe('EMC-400');
    for (const field of ['CodeProfile', 'SiteId', 'CodeTTHC', 'Status', 'FormsReception', 'Level', 'User'])
      expect(body.errorMessage).toContain(field);
    expect((await golden.mock(SERVICE).post('/TrackingMCDT/1.0/ghiNhanSuKien', old)).status).toBe(404);
  });

  test('codes sent as numbers, or a User that is not a JSON string, are refused', async () => {
    const numbers = await golden.mock(SERVICE).post(PATH, { ...GOLDEN_EVENT, Status: 1, Level: 4 });
    expect(parse<{ errorMessage: string }>(numbers.data).errorMessage).toMatch(/Status.*Level|Level.*Status/s);
    const user = await golden.mock(SERVICE).post(PATH, { ...GOLDEN_EVENT, User: '024185006789' });
    expect(parse<{ errorMessage: string }>(user.data).errorMessage).toContain('User');
  });

  test('the gateway sends the golden shape without credentials and maps the acknowledgement', async () => {
    const out = await golden.outbound(SERVICE, 'ghi-nhan-su-kien', example());
    expect(out.error).toBeUndefined();
    expect(out.requests).toHaveLength(1);
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe(PATH);
    expect(out.request.headers['content-type']).toMatch(/^application\/json/);
    expect(out.request.headers['authorization']).toBeUndefined();
    const sent = parse(out.request.body);
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_EVENT));
    expect(sent).toEqual({
      CodeProfile: 'H06.22-240315-0001',
      SiteId: 24,
      CodeTTHC: '1.001612',
      NameTTHC: 'Đăng ký thành lập hộ kinh doanh',
      MaHoSo: 'H06.22-240315-0001',
      Status: '1',
      FormsReception: '1',
      FormsPayments: '1',
      Level: '4',
      IsFromDVCQG: '0',
      IsDVCBC: '0',
      Data: null,
      User: expect.any(String),
    });
    expect(parse(sent['User'])).toEqual({ ID_local: '024090001234', ID_QG: '024090001234', TYPE: '2', LOCATION: '24' });
    expect(out.data).toEqual({ ketQua: 'OK', maSuKien: expect.stringMatching(/^EMC\d{14}$/) });
  });

  test.each([
    [
      { trangThai: 1, kenh: 1 },
      { Status: '1', FormsReception: '2' },
    ],
    [
      { trangThai: 4, kenh: 3 },
      { Status: '2', FormsReception: '1' },
    ],
    [
      { trangThai: 10, kenh: 2, traKetQuaQuaBuuChinh: true, tuDvcqg: true },
      { Status: '3', IsDVCBC: '1', IsFromDVCQG: '1' },
    ],
    [
      { trangThai: 7, kenh: 2, hinhThucThanhToan: 2, mucDo: 0 },
      { Status: '0', FormsPayments: '2', Level: '0' },
    ],
  ])('the dossier state and channel map to EMC codes as public clients map them (%o)', async (change, expected) => {
    const out = await golden.outbound(SERVICE, 'ghi-nhan-su-kien', { ...example(), ...change });
    expect(out.error).toBeUndefined();
    expect(parse(out.request.body)).toMatchObject(expected);
  });

  test('a business (10-digit tax code) is TYPE 1 in User', async () => {
    const out = await golden.outbound(SERVICE, 'ghi-nhan-su-kien', { ...example(), soGiayToChuHoSo: '2400123456' });
    expect(parse(parse<{ User: string }>(out.request.body).User)).toMatchObject({ ID_QG: '2400123456', TYPE: '1' });
  });
});
