import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../mocks/auth/lgsp-access-token';
import { LGSP_PARTNER, lgspCredentials, NO_MATCHING_RESOURCE } from './support/credentials';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

/**
 * National shared catalogues as a VNPT-built provincial LGSP publishes them: `GET /dmdc/Category/{code}`
 * answers a bare JSON array of the catalogue's items, `GET /dmdc/Metadata/{code}` their properties.
 */
let golden: GoldenStack;
let credentials: Record<string, string>;

/** The properties the guide documents for the agency-code catalogue, in its order. */
const QLVBDH_CAP1_PROPERTIES = [
  'MaDinhDanhCap1',
  'TenDonVi',
  'DiaChi',
  'Email',
  'SoDienThoai',
  'Fax',
  'Website',
  'QdBanHanhQdSuaDoi',
  'NgayBanHanhQd',
  'CoQuanBanHanhQd',
];
/** Written by hand after the guide's example answer: one agency, null where the catalogue has nothing. */
const GOLDEN_AGENCY = {
  MaDinhDanhCap1: '000.00.00.H30',
  TenDonVi: 'UBND tỉnh mẫu',
  DiaChi: null,
  Email: null,
  SoDienThoai: null,
  Fax: null,
  Website: null,
  QdBanHanhQdSuaDoi: '1/QĐ-UBND',
  NgayBanHanhQd: '01/01/2020',
  CoQuanBanHanhQd: 'UBND tỉnh mẫu',
};
const GOLDEN_PROPERTY = { PropertyCode: 'MaDinhDanhCap1', PropertyName: 'Mã định danh cấp 1', PropertyType: 'String' };

beforeAll(async () => {
  golden = await startGoldenStack('danh-muc-dung-chung');
  credentials = await lgspCredentials(golden);
});

afterAll(async () => {
  await golden?.close();
});

const get = (url: string, headers: Record<string, string> = credentials) =>
  golden.mock('danh-muc-dung-chung').get(url, { headers: { Accept: 'application/json', ...headers } });
const json = <T = unknown>(text: unknown): T => JSON.parse(String(text)) as T;
type Item = Record<string, unknown>;

describe('Category and Metadata, straight to the mock', () => {
  test('the golden GET of a catalogue answers a bare array of its items', async () => {
    const res = await get('/dmdc/Category/donvihanhchinhcap3');
    expect(res.status).toBe(200);
    const items = json<Item[]>(res.data);
    expect(Array.isArray(items)).toBe(true);
    expect(items).toHaveLength(209);
    expect(items).toContainEqual(
      expect.objectContaining({ MaXa: '07210', TenXa: 'Xã Tân Mỹ', MaHuyen: '213', MaTinh: '24', NgayBanHanhQd: '08/07/2004' }),
    );
  });

  test("the agency-code catalogue has exactly the guide's properties, as Metadata and as items", async () => {
    const metadata = json<Item[]>((await get('/dmdc/Metadata/qlvanbandieuhanhcap1')).data);
    expect(jsonShape(metadata)).toEqual(jsonShape([GOLDEN_PROPERTY]));
    expect(metadata.map((p) => p['PropertyCode'])).toEqual(QLVBDH_CAP1_PROPERTIES);
    const items = json<Item[]>((await get('/dmdc/Category/qlvanbandieuhanhcap1')).data);
    expect(jsonShape(items)).toEqual(jsonShape([GOLDEN_AGENCY]));
    expect(items).toContainEqual(expect.objectContaining({ MaDinhDanhCap1: '000.00.00.H06', TenDonVi: 'Ủy ban nhân dân tỉnh Bắc Giang' }));
  });

  test.each([
    'donvihanhchinhcap1',
    'donvihanhchinhcap2',
    'donvihanhchinhcap3',
    'madantoc',
    'magioitinh',
    'maquocgia',
    'qlvanbandieuhanhcap1',
  ])('%s: every item carries exactly the properties its Metadata lists', async (code) => {
    const properties = json<Item[]>((await get(`/dmdc/Metadata/${code}`)).data).map((p) => p['PropertyCode']);
    const items = json<Item[]>((await get(`/dmdc/Category/${code}`)).data);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(Object.keys(item)).toEqual(properties);
  });

  test("an unknown catalogue is 404 with the service's {MSG, Count}", async () => {
    for (const path of ['/dmdc/Category/khongco', '/dmdc/Metadata/khongco']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(json(res.data)).toEqual({ MSG: 'Category khongco not found', Count: 0 });
    }
  });

  test('the old invented shape is refused: no AllCategory resource on the platform', async () => {
    const res = await get('/dmdc/1.0/AllCategory?maDanhMuc=DM_DVHC');
    expect(res.status).toBe(404);
    expect(json(res.data)).toMatchObject(NO_MATCHING_RESOURCE);
  });

  test('wrong credentials are 401 Invalid Credentials: without the partner header, with a wrong partner, without a bearer', async () => {
    const wrongPartner = lgspAccessTokenOf({ ...DEV_LGSP_PARTNER, SecretKey: 'x' });
    const attempts: Array<Record<string, string>> = [
      { Authorization: credentials['Authorization']! },
      { ...credentials, lgspaccesstoken: wrongPartner },
      { lgspaccesstoken: LGSP_PARTNER },
    ];
    for (const headers of attempts) {
      const res = await get('/dmdc/Category/madantoc', headers);
      expect(res.status).toBe(401);
      expect(json(res.data)).toMatchObject({ fault: { code: 900901, message: 'Invalid Credentials' } });
    }
  });
});

describe('through the gateway', () => {
  test('lay-danh-muc sends the golden GET (no body, no query) and maps the items', async () => {
    const out = await golden.outbound('danh-muc-dung-chung', 'lay-danh-muc', { maDanhMuc: 'donvihanhchinhcap3' });
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('GET');
    expect(out.request.path).toBe('/dmdc/Category/donvihanhchinhcap3');
    expect(out.request.body).toBe('');
    expect(out.request.headers['accept']).toBe('application/json');
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(out.request.headers['lgspaccesstoken']).toBe(LGSP_PARTNER);
    const data = out.data as { maDanhMuc: string; tenDanhMuc: string; soMuc: number; muc: Item[] };
    expect(data).toMatchObject({
      maDanhMuc: 'donvihanhchinhcap3',
      tenDanhMuc: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 3 (Phường, Xã)',
      soMuc: 209,
    });
    expect(data.muc).toContainEqual({
      ma: '07210',
      ten: 'Xã Tân Mỹ',
      maCha: '213',
      thuocTinh: expect.objectContaining({ MaXa: '07210', CapHanhChinh: 'Xã' }),
    });
  });

  test.each([
    ['DM_DVHC', 'donvihanhchinhcap3'],
    ['DM_DANTOC', 'madantoc'],
    ['DM_GIOITINH', 'magioitinh'],
    ['DM_QUOCTICH', 'maquocgia'],
  ])('the former code %s still works: it is the national catalogue %s', async (former, code) => {
    const out = await golden.outbound('danh-muc-dung-chung', 'lay-danh-muc', { maDanhMuc: former });
    expect(out.error).toBeUndefined();
    expect(out.request.path).toBe(`/dmdc/Category/${code}`);
    expect(out.data).toMatchObject({ maDanhMuc: code });
  });

  test('ethnic groups map by their own property codes: Kinh is 01', async () => {
    const out = await golden.outbound('danh-muc-dung-chung', 'lay-danh-muc', { maDanhMuc: 'madantoc' });
    expect((out.data as { muc: Item[] }).muc[0]).toMatchObject({ ma: '01', ten: 'Kinh', maCha: null });
  });

  test('lay-thong-tin-danh-muc sends GET /dmdc/Metadata/{code} and lists the properties', async () => {
    const out = await golden.outbound('danh-muc-dung-chung', 'lay-thong-tin-danh-muc', { maDanhMuc: 'qlvanbandieuhanhcap1' });
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('GET');
    expect(out.request.path).toBe('/dmdc/Metadata/qlvanbandieuhanhcap1');
    const data = out.data as { maDanhMuc: string; truong: Item[] };
    expect(data.maDanhMuc).toBe('qlvanbandieuhanhcap1');
    expect(data.truong.map((t) => t['ma'])).toEqual(QLVBDH_CAP1_PROPERTIES);
    expect(data.truong[8]).toEqual({ ma: 'NgayBanHanhQd', ten: 'Ngày ban hành QĐ', kieu: 'DateTime' });
  });

  test("an unknown catalogue reaches the caller as the service's 404, not retried", async () => {
    const out = await golden.outbound('danh-muc-dung-chung', 'lay-danh-muc', { maDanhMuc: 'khongco' });
    expect(out.request.path).toBe('/dmdc/Category/khongco');
    expect(out.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: 'MSG', providerStatus: 404, retryable: false });
  });
});
