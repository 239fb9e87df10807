import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../mocks/auth/lgsp-access-token';
import { LGSP_PARTNER, lgspCredentials, NO_MATCHING_RESOURCE } from './support/credentials';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

/**
 * Social insurance (BHXH) is REST JSON on the provincial platform's `apiBHXH`:
 * `getTraCuuTtHgdByMaSoBhxh` and `getMaSoBhxhTheoTieuChi` as the guide publishes them; the
 * contribution history has no public artefact and is modelled in the same style.
 */
let golden: GoldenStack;
let credentials: Record<string, string>;

beforeAll(async () => {
  golden = await startGoldenStack('bhxh');
  credentials = await lgspCredentials(golden);
});

afterAll(async () => {
  await golden?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = credentials) =>
  golden
    .mock('bhxh')
    .post(path, typeof body === 'string' ? body : JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ...headers } });
const json = (text: unknown): Record<string, unknown> => JSON.parse(String(text)) as Record<string, unknown>;

/** Written by hand from the guide: every field a string, dates `yyyyMMdd`, GSO codes. */
const GOLDEN_HOUSEHOLD_QUERY = { maSoBhxh: '2420123456' };
const GOLDEN_HOUSEHOLD = {
  hoTen: 'Nguyễn Văn An',
  soSoCu: '2420123456',
  ngaySinh: '19900512',
  loaiNgaySinh: '0',
  gioiTinh: '1',
  maTinhKs: '24',
  maHuyenKs: '213',
  maXaKs: '07210',
  trangThai: '1',
};
const GOLDEN_CRITERIA = {
  hoTen: 'Nguyễn Văn An',
  ngaySinh: '19900512',
  loaiNgaySinh: '0',
  gioiTinh: '1',
  maTinhKs: '24',
  maHuyenKs: '213',
  maXaKs: '07210',
  isKs: '1',
};
const GOLDEN_HISTORY_QUERY = { maSoBhxh: '2420123456', tuThang: '202301', denThang: '202312' };
const OLD_SOAP = `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><TraCuuQuaTrinhDong xmlns="http://baohiemxahoi.gov.vn/lgsp"><MaSoBHXH>2420123456</MaSoBHXH><TuThang>202301</TuThang><DenThang>202312</DenThang></TraCuuQuaTrinhDong></soap:Body></soap:Envelope>`;

function expectWire(out: Awaited<ReturnType<GoldenStack['outbound']>>, path: string): void {
  expect(out.request.method).toBe('POST');
  expect(out.request.path).toBe(path);
  expect(out.request.headers['content-type']).toMatch(/^application\/json/);
  expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
  expect(out.request.headers['lgspaccesstoken']).toBe(LGSP_PARTNER);
}

describe('getTraCuuTtHgdByMaSoBhxh (tra-cuu-thong-tin)', () => {
  test('the golden query answers the household fields as strings', async () => {
    const res = await post('/apiBHXH/getTraCuuTtHgdByMaSoBhxh', GOLDEN_HOUSEHOLD_QUERY);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual(GOLDEN_HOUSEHOLD);
  });

  test("an unknown code answers trangThai 0 and no person; the gateway reports the provider's refusal", async () => {
    const res = await post('/apiBHXH/getTraCuuTtHgdByMaSoBhxh', { maSoBhxh: '2499999999' });
    expect(json(res.data)).toMatchObject({ hoTen: null, trangThai: '0' });
    const out = await golden.outbound('bhxh', 'tra-cuu-thong-tin', { maSoBhxh: '2499999999' });
    expect(out.error).toMatchObject({ type: 'Server.Provider.Error', retryable: false });
  });

  test('the old SOAP service is gone: its path is no API, and a SOAP body on the REST path is refused', async () => {
    const oldPath = await golden.mock('bhxh').post('/bhxh/1.0/TraCuuService', OLD_SOAP, {
      headers: {
        ...credentials,
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: '"http://baohiemxahoi.gov.vn/lgsp/TraCuuQuaTrinhDong"',
      },
    });
    expect(oldPath.status).toBe(404);
    expect(json(oldPath.data)).toMatchObject(NO_MATCHING_RESOURCE);
    const soapOnRest = await post('/apiBHXH/getTraCuuTtHgdByMaSoBhxh', OLD_SOAP);
    expect(soapOnRest.status).toBe(400);
    expect(json(soapOnRest.data)).toMatchObject({ errorCode: 'BH-400' });
  });

  test('the gateway sends the golden query and maps the household', async () => {
    const out = await golden.outbound('bhxh', 'tra-cuu-thong-tin', { maSoBhxh: '2420123456' });
    expectWire(out, '/apiBHXH/getTraCuuTtHgdByMaSoBhxh');
    expect(JSON.parse(out.request.body)).toEqual(GOLDEN_HOUSEHOLD_QUERY);
    expect(out.data).toEqual({
      hoTen: 'Nguyễn Văn An',
      soSoCu: '2420123456',
      ngaySinh: '1990-05-12',
      gioiTinh: 'Nam',
      noiKhaiSinh: { maTinh: '24', maHuyen: '213', maXa: '07210' },
      trangThai: '1',
    });
  });
});

describe('getMaSoBhxhTheoTieuChi (tra-cuu-ma-so)', () => {
  test('the golden criteria find the one insured person', async () => {
    const res = await post('/apiBHXH/getMaSoBhxhTheoTieuChi', GOLDEN_CRITERIA);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ maSoBhxh: '2420123456', trangThai: '1', errorCode: '0' });
  });

  test('criteria matching nobody answer errorCode 1; a birth date that does not fit loaiNgaySinh is refused', async () => {
    const nobody = await post('/apiBHXH/getMaSoBhxhTheoTieuChi', { ...GOLDEN_CRITERIA, ngaySinh: '19900513' });
    expect(json(nobody.data)).toEqual({ maSoBhxh: null, trangThai: '0', errorCode: '1' });
    const misfit = await post('/apiBHXH/getMaSoBhxhTheoTieuChi', { ...GOLDEN_CRITERIA, loaiNgaySinh: '1' });
    expect(misfit.status).toBe(400);
    expect(json(misfit.data)).toMatchObject({ errorCode: 'BH-400', errorMessage: expect.stringContaining('ngaySinh') });
  });

  test('the gateway sends the golden criteria field for field and maps the code', async () => {
    const out = await golden.outbound('bhxh', 'tra-cuu-ma-so', {
      hoTen: 'Nguyễn Văn An',
      ngaySinh: '1990-05-12',
      gioiTinh: 'Nam',
      maTinh: '24',
      maHuyen: '213',
      maXa: '07210',
      theoDiaChi: 'khai-sinh',
    });
    expectWire(out, '/apiBHXH/getMaSoBhxhTheoTieuChi');
    const sent = JSON.parse(out.request.body) as unknown;
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_CRITERIA));
    expect(sent).toEqual(GOLDEN_CRITERIA);
    expect(out.data).toEqual({ maSoBhxh: '2420123456', trangThai: '1' });
  });

  test('a year-only birth date goes as yyyy with loaiNgaySinh 1; unknown district and commune as empty strings', async () => {
    const out = await golden.outbound('bhxh', 'tra-cuu-ma-so', {
      hoTen: 'Nguyễn Văn An',
      ngaySinh: '1990',
      gioiTinh: 'Nam',
      maTinh: '24',
      theoDiaChi: 'ho-khau',
    });
    expect(JSON.parse(out.request.body)).toEqual({
      ...GOLDEN_CRITERIA,
      ngaySinh: '1990',
      loaiNgaySinh: '1',
      maHuyenKs: '',
      maXaKs: '',
      isKs: '0',
    });
    expect(out.data).toEqual({ maSoBhxh: '2420123456', trangThai: '1' });
  });
});

describe('traCuuQuaTrinhDong (tra-cuu-qua-trinh-dong, modelled)', () => {
  test('the modelled query answers the contribution periods in the same JSON style', async () => {
    const res = await post('/apiBHXH/traCuuQuaTrinhDong', GOLDEN_HISTORY_QUERY);
    expect(res.status).toBe(200);
    const body = json(res.data) as { maSoBhxh: string; hoTen: string; quaTrinh: Array<Record<string, unknown>> };
    expect(body).toMatchObject({ maSoBhxh: '2420123456', hoTen: 'Nguyễn Văn An' });
    expect(body.quaTrinh).toHaveLength(12);
    expect(body.quaTrinh[0]).toEqual({ tuThang: '202301', denThang: '202301', donVi: 'Công ty TNHH Nông sản Lục Ngạn', mucLuong: 6500000 });
  });

  test('the gateway sends the modelled query and maps the periods; the directory labels it modelled', async () => {
    const out = await golden.outbound('bhxh', 'tra-cuu-qua-trinh-dong', {
      maSoBhxh: '2420123456',
      tuThang: '2023-01',
      denThang: '2023-12',
    });
    expectWire(out, '/apiBHXH/traCuuQuaTrinhDong');
    expect(JSON.parse(out.request.body)).toEqual(GOLDEN_HISTORY_QUERY);
    const data = out.data as { quaTrinh: unknown[] };
    expect(data).toMatchObject({ maSoBhxh: '2420123456', hoTen: 'Nguyễn Văn An' });
    expect(data.quaTrinh[11]).toEqual({
      tuThang: '2023-12',
      denThang: '2023-12',
      donVi: 'Công ty TNHH Nông sản Lục Ngạn',
      mucLuong: 7200000,
    });
    const connector = golden.gateway.catalog.getConnector('bhxh');
    expect(connector.fidelity).toBe('public-artefacts');
    expect(connector.operations['tra-cuu-qua-trinh-dong']?.fidelity).toBe('modelled');
  });
});

test('wrong credentials for the lgsp-access-token profile are refused with 401 Invalid Credentials', async () => {
  const wrongPartner = lgspAccessTokenOf({ ...DEV_LGSP_PARTNER, PartnerCode: '000.00.00.H99' });
  const attempts: Array<Record<string, string>> = [
    { Authorization: credentials['Authorization'] as string, lgspaccesstoken: wrongPartner },
    { Authorization: credentials['Authorization'] as string },
  ];
  for (const headers of attempts) {
    const res = await post('/apiBHXH/getTraCuuTtHgdByMaSoBhxh', GOLDEN_HOUSEHOLD_QUERY, headers);
    expect(res.status).toBe(401);
    expect(json(res.data)).toMatchObject({ fault: { code: 900901, message: 'Invalid Credentials' } });
  }
});
