import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../mocks/auth/lgsp-access-token';
import { parseXml } from '../../mocks/protocols/xml-document';
import { LGSP_PARTNER, lgspCredentials, NO_MATCHING_RESOURCE } from './support/credentials';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape, xmlShape } from './support/shape';

/**
 * Civil status (hộ tịch) as the provincial platform publishes it: `POST /apiHoTichTuPhap/dangKyHoTich`
 * with the registration as an XML string, `POST /apiHoTichTuPhap/traTrangThaiHoSo`, answers
 * `status` 1/0 with the ministry's error codes.
 */
let golden: GoldenStack;
let credentials: Record<string, string>;

beforeAll(async () => {
  golden = await startGoldenStack('ho-tich');
  credentials = await lgspCredentials(golden);
});

afterAll(async () => {
  await golden?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = credentials) =>
  golden.mock('ho-tich').post(path, JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ...headers } });
const json = (text: unknown): Record<string, unknown> => JSON.parse(String(text)) as Record<string, unknown>;

/** Written by hand from the provincial guide: a girl born at the commune health station, both parents known, the father declares. */
const BIRTH_XML = [
  '<hotich><hoso>',
  '<loaiDangKy>1</loaiDangKy><noiDangKy>7210</noiDangKy>',
  '<nksHoTen>Lê Minh Châu</nksHoTen><nksGioiTinh>2</nksGioiTinh><nksNgaySinh>20/03/2024</nksNgaySinh>',
  '<nksNoiSinh>Trạm Y tế xã Tân Mỹ</nksNoiSinh><nksDanToc>Kinh</nksDanToc><nksQuocTich>Việt Nam</nksQuocTich><nksLoaiKhaiSinh>1</nksLoaiKhaiSinh>',
  '<meHoTen>Đỗ Thị Hạnh</meHoTen><meDanToc>Kinh</meDanToc><meQuocTich>Việt Nam</meQuocTich>',
  '<meLoaiGiayToTuyThan>4</meLoaiGiayToTuyThan><meSoGiayToTuyThan>024195004321</meSoGiayToTuyThan>',
  '<chaHoTen>Lê Văn Dũng</chaHoTen><chaDanToc>Kinh</chaDanToc><chaQuocTich>Việt Nam</chaQuocTich>',
  '<chaLoaiGiayToTuyThan>4</chaLoaiGiayToTuyThan><chaSoGiayToTuyThan>024092001122</chaSoGiayToTuyThan>',
  '<nycHoTen>Lê Văn Dũng</nycHoTen><nycQuanHe>Cha</nycQuanHe><nycLoaiGiayToTuyThan>4</nycLoaiGiayToTuyThan><nycSoGiayToTuyThan>024092001122</nycSoGiayToTuyThan>',
  '</hoso></hotich>',
].join('');
const GOLDEN_REGISTRATION = { maDonVi: 7210, module: 'KS', maHoSo: 'H06.22-240402-0101', ngayTiepNhan: '2024-04-02', data: BIRTH_XML };
/** The same birth as the one-stop system sends it to the gateway. */
const PROVINCIAL_BIRTH = {
  maHoSo: 'H06.22-240402-0101',
  maDonVi: 7210,
  ngayTiepNhan: '2024-04-02',
  treEm: {
    hoTen: 'Lê Minh Châu',
    ngaySinh: '2024-03-20',
    gioiTinh: 'Nữ',
    noiSinh: 'Trạm Y tế xã Tân Mỹ',
    danToc: 'Kinh',
    quocTich: 'Việt Nam',
  },
  me: { hoTen: 'Đỗ Thị Hạnh', soDinhDanh: '024195004321', danToc: 'Kinh', quocTich: 'Việt Nam' },
  cha: { hoTen: 'Lê Văn Dũng', soDinhDanh: '024092001122', danToc: 'Kinh', quocTich: 'Việt Nam' },
  nguoiDiKhai: { hoTen: 'Lê Văn Dũng', soDinhDanh: '024092001122', quanHe: 'Cha' },
};
const GOLDEN_STATUS_QUERY = { maDonVi: 7210, maHoSo: 'H06.22-240301-0012' };

/** `<hoso>`'s elements as name → text. */
async function hosoFields(xml: string): Promise<Record<string, string>> {
  const root = await parseXml(xml);
  const hoso = root.children.find((c) => c.local === 'hoso');
  return Object.fromEntries((hoso?.children ?? []).map((c) => [c.local, c.text]));
}

describe('dangKyHoTich (dang-ky-khai-sinh)', () => {
  test('the golden registration is accepted with status 1', async () => {
    const res = await post('/apiHoTichTuPhap/dangKyHoTich', GOLDEN_REGISTRATION);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ status: 1 });
  });

  test('the old invented shape is refused: its path is no API, its body is DATA_INCORRECT', async () => {
    const old = {
      MaHoSo: 'H06.22-240402-0101',
      TreEm: { HoTen: 'Lê Minh Châu', NgaySinh: '20240320', GioiTinh: 'Nữ', NoiSinh: 'Bắc Giang' },
      Me: { HoTen: 'Đỗ Thị Hạnh', SoDinhDanh: '024195004321' },
      NoiDangKy: 'UBND Xã Tân Mỹ',
    };
    const oldPath = await post('/hotich/1.0/dangKyKhaiSinh', old);
    expect(oldPath.status).toBe(404);
    expect(json(oldPath.data)).toMatchObject(NO_MATCHING_RESOURCE);
    const oldBody = await post('/apiHoTichTuPhap/dangKyHoTich', old);
    expect(oldBody.status).toBe(200);
    expect(json(oldBody.data)).toMatchObject({ status: 0, errorCode: '500', errorMessage: expect.stringMatching(/^DATA_INCORRECT/) });
  });

  test('a unit the ministry does not know is 106 AGENCY_ID_INCORRECT; a message that is not <hotich><hoso> is DATA_INCORRECT', async () => {
    const unknownUnit = await post('/apiHoTichTuPhap/dangKyHoTich', { ...GOLDEN_REGISTRATION, maDonVi: 99999 });
    expect(json(unknownUnit.data)).toMatchObject({
      status: 0,
      errorCode: '106',
      errorMessage: expect.stringMatching(/^AGENCY_ID_INCORRECT/),
    });
    const wrongXml = await post('/apiHoTichTuPhap/dangKyHoTich', {
      ...GOLDEN_REGISTRATION,
      data: '<khaisinh><nksHoTen>x</nksHoTen></khaisinh>',
    });
    expect(json(wrongXml.data)).toMatchObject({ status: 0, errorCode: '500' });
    const missing = await post('/apiHoTichTuPhap/dangKyHoTich', {
      ...GOLDEN_REGISTRATION,
      data: BIRTH_XML.replace(/<nksNgaySinh>[^<]*<\/nksNgaySinh>/, ''),
    });
    expect(json(missing.data)).toMatchObject({ status: 0, errorCode: '500', errorMessage: expect.stringContaining('nksNgaySinh') });
  });

  test('the gateway sends the golden request: same method, path, headers, JSON shape and XML fields', async () => {
    const out = await golden.outbound('ho-tich', 'dang-ky-khai-sinh', PROVINCIAL_BIRTH);
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe('/apiHoTichTuPhap/dangKyHoTich');
    expect(out.request.headers['content-type']).toMatch(/^application\/json/);
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(out.request.headers['lgspaccesstoken']).toBe(LGSP_PARTNER);
    const sent = JSON.parse(out.request.body) as typeof GOLDEN_REGISTRATION;
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_REGISTRATION));
    expect({ ...sent, data: undefined }).toEqual({ ...GOLDEN_REGISTRATION, data: undefined });
    expect(sent.data.startsWith('<hotich>')).toBe(true);
    expect(await xmlShape(sent.data)).toEqual(await xmlShape(BIRTH_XML));
    expect(await hosoFields(sent.data)).toEqual(await hosoFields(BIRTH_XML));
    expect(out.data).toEqual({ daTiepNhan: true, moTa: 'Gửi thông tin thành công' });
  });

  test('a birth declared more than 60 days late goes as loaiDangKy 4, without a father as nksLoaiKhaiSinh 3', async () => {
    const { cha: _cha, nguoiDiKhai: _n, ...motherOnly } = PROVINCIAL_BIRTH;
    const out = await golden.outbound('ho-tich', 'dang-ky-khai-sinh', {
      ...motherOnly,
      maHoSo: 'H06.22-240702-0007',
      ngayTiepNhan: '2024-07-02',
    });
    expect(out.error).toBeUndefined();
    const fields = await hosoFields((JSON.parse(out.request.body) as { data: string }).data);
    expect(fields).toMatchObject({ loaiDangKy: '4', nksLoaiKhaiSinh: '3', meHoTen: 'Đỗ Thị Hạnh' });
    expect(Object.keys(fields).some((k) => k.startsWith('cha') || k.startsWith('nyc'))).toBe(false);
  });

  test("the ministry's refusal reaches the caller with its code, not retried", async () => {
    const out = await golden.outbound('ho-tich', 'dang-ky-khai-sinh', { ...PROVINCIAL_BIRTH, maDonVi: 99999 });
    expect(out.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: '106', retryable: false });
  });
});

describe('traTrangThaiHoSo (tra-cuu)', () => {
  test('the golden status query of a registered birth answers status 4', async () => {
    const res = await post('/apiHoTichTuPhap/traTrangThaiHoSo', GOLDEN_STATUS_QUERY);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ status: 4 });
  });

  test('an unknown dossier is 201 RECORD_NOT_FOUND; the old invented lookup is no API and DATA_INCORRECT', async () => {
    const unknown = await post('/apiHoTichTuPhap/traTrangThaiHoSo', { maDonVi: 7210, maHoSo: 'H06.22-000000-0000' });
    expect(json(unknown.data)).toMatchObject({ status: 0, errorCode: '201', errorMessage: expect.stringMatching(/^RECORD_NOT_FOUND/) });
    const oldPath = await post('/hotich/1.0/traCuu', { SoDangKy: 'KS-2024-000123' });
    expect(oldPath.status).toBe(404);
    expect(json(oldPath.data)).toMatchObject(NO_MATCHING_RESOURCE);
    const oldBody = await post('/apiHoTichTuPhap/traTrangThaiHoSo', { SoDangKy: 'KS-2024-000123' });
    expect(json(oldBody.data)).toMatchObject({ status: 0, errorCode: '500' });
  });

  test('the gateway sends the golden query and maps the status', async () => {
    const out = await golden.outbound('ho-tich', 'tra-cuu', GOLDEN_STATUS_QUERY);
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe('/apiHoTichTuPhap/traTrangThaiHoSo');
    expect(out.request.headers['lgspaccesstoken']).toBe(LGSP_PARTNER);
    expect(JSON.parse(out.request.body)).toEqual(GOLDEN_STATUS_QUERY);
    expect(jsonShape(JSON.parse(out.request.body))).toEqual(jsonShape(GOLDEN_STATUS_QUERY));
    expect(out.data).toEqual({ trangThai: 4, moTa: 'Đã hoàn thành đăng ký' });
  });

  test("a registration just sent is found waiting (status 1); an unknown one is the caller's 201", async () => {
    await post('/apiHoTichTuPhap/dangKyHoTich', { ...GOLDEN_REGISTRATION, maHoSo: 'H06.22-240402-0102' });
    const sent = await golden.outbound('ho-tich', 'tra-cuu', { maDonVi: 7210, maHoSo: 'H06.22-240402-0102' });
    expect(sent.data).toEqual({ trangThai: 1, moTa: 'Đã tiếp nhận hồ sơ, chờ xử lý' });
    const unknown = await golden.outbound('ho-tich', 'tra-cuu', { maDonVi: 7210, maHoSo: 'H06.22-000000-0000' });
    expect(unknown.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: '201' });
  });
});

test('wrong credentials for the lgsp-access-token profile are refused with 401 Invalid Credentials', async () => {
  const wrongPartner = lgspAccessTokenOf({ ...DEV_LGSP_PARTNER, SecretKey: 'sai' });
  const attempts: Array<Record<string, string>> = [
    { Authorization: credentials['Authorization'] as string, lgspaccesstoken: wrongPartner },
    { lgspaccesstoken: LGSP_PARTNER },
    { Authorization: 'Bearer khong-hop-le', lgspaccesstoken: LGSP_PARTNER },
  ];
  for (const headers of attempts) {
    const res = await post('/apiHoTichTuPhap/traTrangThaiHoSo', GOLDEN_STATUS_QUERY, headers);
    expect(res.status).toBe(401);
    expect(json(res.data)).toMatchObject({ fault: { code: 900901, message: 'Invalid Credentials' } });
  }
});
