import { createHash } from 'node:crypto';
import { parseXml, type XmlNode } from '../../mocks/protocols/xml-document';
import { soapBody } from '../mocks/support/soap-parse';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { xmlShape } from './support/shape';

/**
 * The population database (C06) called directly: SOAP 1.1 in `http://dancuquocgia.bca`,
 * lookups answered in `http://www.mic.gov.vn/dancu/1.0`, every call signed with `c06-basic`.
 */
const PATH = '/dancuquocgia/1.0/DanCuService';
const DAN = 'http://dancuquocgia.bca';
const MIC = 'http://www.mic.gov.vn/dancu/1.0';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
/** The gateway's dev credentials (config/gateway.yaml providerAuth.c06Basic). */
const C06 = { user: 'lgsp-bacgiang', secret: 'c06-dev-secret', apiKey: 'c06-dev-api-key', xRoadClient: 'VN/GOV/000.00.00.H06/LGSP' };

let golden: GoldenStack;

beforeAll(async () => {
  golden = await startGoldenStack('csdl-dan-cu');
});

afterAll(async () => {
  await golden?.close();
});

/** Headers a C06 client sends: Timestamp in epoch ms, Basic user:sha256hex(path+user+timestamp+secret). */
function c06Headers(
  overrides: { timestamp?: number; secret?: string; apiKey?: string; xRoadClient?: string } = {},
): Record<string, string> {
  const timestamp = String(overrides.timestamp ?? Date.now());
  const hash = createHash('sha256')
    .update(PATH + C06.user + timestamp + (overrides.secret ?? C06.secret))
    .digest('hex');
  return {
    'Content-Type': 'text/xml; charset=utf-8',
    SOAPAction: '""',
    Timestamp: timestamp,
    Authorization: `Basic ${Buffer.from(`${C06.user}:${hash}`).toString('base64')}`,
    'X-Road-Client': overrides.xRoadClient ?? C06.xRoadClient,
    ApiKey: overrides.apiKey ?? C06.apiKey,
  };
}

const envelope = (body: string): string =>
  `<soapenv:Envelope xmlns:soapenv="${SOAP}" xmlns:dan="${DAN}"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** Written for this test in the published shape: the anchor citizen Nguyễn Văn An, born 12 May 1990. */
const request = (element: string, opts: { name?: string; birth?: string } = {}): string =>
  envelope(`
  <dan:${element}>
    <dan:MaYeuCau>YC-GOLDEN-0001</dan:MaYeuCau>
    <dan:MaDVC>VPCP</dan:MaDVC>
    <dan:MaTichHop>${element === 'TraCuuThongTinCongDan' ? '037' : '033'}</dan:MaTichHop>
    <dan:MaDonVi>000.00.00.H06</dan:MaDonVi>
    <dan:MaCanBo>cb-motcua-01</dan:MaCanBo>
    <dan:SoDinhDanh>024090001234</dan:SoDinhDanh>
    <dan:HoVaTen>${opts.name ?? 'NGUYỄN VĂN AN'}</dan:HoVaTen>
    <dan:NgayThangNamSinh>
      ${opts.birth ?? '<dan:NgayThangNam>19900512</dan:NgayThangNam>'}
    </dan:NgayThangNamSinh>
  </dan:${element}>`);

const post = (xml: string, headers: Record<string, string> = c06Headers()) => golden.mock('csdl-dan-cu').post(PATH, xml, { headers });

function firstInBody(doc: XmlNode): XmlNode {
  const body = doc.children.find((c) => c.local === 'Body');
  const first = body?.children[0];
  if (!first) throw new Error('empty soap:Body');
  return first;
}

async function fault(xml: string): Promise<{ faultcode: unknown; faultstring: unknown; code: unknown }> {
  const { name, value } = await soapBody(xml);
  expect(name).toBe('Fault');
  return { faultcode: value['faultcode'], faultstring: value['faultstring'], code: (value['detail'] as Record<string, unknown>)['MaLoi'] };
}

async function childOrder(xml: string): Promise<string[]> {
  return firstInBody(await parseXml(xml)).children.map((c) => c.local);
}

test('the mock lists the real operations, the c06-basic profile and public-artefacts fidelity', async () => {
  const res = await golden.mock('csdl-dan-cu').get('/__mock/services');
  const service = (JSON.parse(res.data).services as Array<Record<string, unknown>>).find((s) => s['id'] === 'csdl-dan-cu');
  expect(service).toMatchObject({
    auth: 'c06-basic',
    fidelity: 'public-artefacts',
    endpoints: [
      { operationId: 'xac-thuc-cong-dan', wireOperation: 'XacThucThongTinCongDanRequest', method: 'POST', path: PATH },
      { operationId: 'tra-cuu-nhan-than', wireOperation: 'TraCuuThongTinCongDan', method: 'POST', path: PATH },
    ],
  });
});

describe('xac-thuc-cong-dan: XacThucThongTinCongDanRequest → KetQuaXacThucResponse{TonTai}', () => {
  it('accepts the golden request and answers TonTai in the request namespace', async () => {
    const res = await post(request('XacThucThongTinCongDanRequest'));
    expect(res.status).toBe(200);
    expect(await xmlShape(res.data)).toEqual([
      `/{${SOAP}}Envelope`,
      `/{${SOAP}}Envelope/{${SOAP}}Body`,
      `/{${SOAP}}Envelope/{${SOAP}}Body/{${DAN}}KetQuaXacThucResponse`,
      `/{${SOAP}}Envelope/{${SOAP}}Body/{${DAN}}KetQuaXacThucResponse/{${DAN}}TonTai`,
    ]);
    expect((await soapBody(res.data)).value).toEqual({ TonTai: 'true' });
  });

  it('answers TonTai false when the name does not match, and true for a year-only birth date', async () => {
    expect((await soapBody((await post(request('XacThucThongTinCongDanRequest', { name: 'Nguyễn Văn Ánh' }))).data)).value).toEqual({
      TonTai: 'false',
    });
    const yearOnly = await post(request('XacThucThongTinCongDanRequest', { birth: '<dan:Nam>1990</dan:Nam>' }));
    expect((await soapBody(yearOnly.data)).value).toEqual({ TonTai: 'true' });
  });

  // SOAP 1.1 answers every fault with HTTP 500 (WS-I Basic Profile); the fault says whose fault it is.
  it('refuses the old invented XacThucCongDan with a soap:Client fault', async () => {
    const old = envelope(
      '<dan:XacThucCongDan><dan:MaYeuCau>YC-1</dan:MaYeuCau><dan:MaDichVu>XT</dan:MaDichVu><dan:MaCanBo>cb01</dan:MaCanBo>' +
        '<dan:SoDinhDanh>024090001234</dan:SoDinhDanh><dan:HoVaTen>Nguyễn Văn An</dan:HoVaTen><dan:NgayThangNamSinh>19900512</dan:NgayThangNamSinh></dan:XacThucCongDan>',
    );
    const res = await post(old);
    expect(res.status).toBe(500);
    expect(await fault(res.data)).toMatchObject({
      faultcode: 'soap:Client',
      code: 'DC-400',
      faultstring: expect.stringContaining('XacThucCongDan'),
    });
  });

  it('refuses MaDichVu and a flat NgayThangNamSinh inside the real element, naming each problem', async () => {
    const flat = request('XacThucThongTinCongDanRequest', { birth: '' })
      .replace('<dan:NgayThangNamSinh>\n      \n    </dan:NgayThangNamSinh>', '<dan:NgayThangNamSinh>19900512</dan:NgayThangNamSinh>')
      .replace('<dan:MaDVC>VPCP</dan:MaDVC>', '<dan:MaDichVu>XT</dan:MaDichVu>');
    const res = await post(flat);
    expect(res.status).toBe(500);
    const f = await fault(res.data);
    expect(f).toMatchObject({ faultcode: 'soap:Client', code: 'DC-400' });
    expect(String(f.faultstring)).toMatch(/MaDichVu/);
    expect(String(f.faultstring)).toMatch(/MaDVC/);
    expect(String(f.faultstring)).toMatch(/NgayThangNamSinh/);
  });

  it('the gateway sends the golden shape, signed with c06-basic, and maps TonTai', async () => {
    const golden1 = request('XacThucThongTinCongDanRequest');
    const out = await golden.outbound('csdl-dan-cu', 'xac-thuc-cong-dan', {
      soDinhDanh: '024090001234',
      hoVaTen: 'Nguyễn Văn An',
      ngaySinh: '1990-05-12',
      maCanBo: 'cb-motcua-01',
    });
    expect(out.error).toBeUndefined();
    expect(out.data).toEqual({ tonTai: true });
    expectSignedLikeC06(out.request);
    expect(await xmlShape(out.request.body)).toEqual(await xmlShape(golden1));
    expect(await childOrder(out.request.body)).toEqual(await childOrder(golden1));
  });
});

describe('tra-cuu-nhan-than: TraCuuThongTinCongDan → CongdanCollection/CongDan', () => {
  it('accepts the golden request and answers CongdanCollection in the mic.gov.vn namespace, addresses structured', async () => {
    const res = await post(request('TraCuuThongTinCongDan'));
    expect(res.status).toBe(200);
    const answer = firstInBody(await parseXml(res.data));
    expect(answer).toMatchObject({ local: 'CongdanCollection', uri: MIC });
    expect(collectionAttributes(res.data)).toMatchObject({
      SoCongDan: '1',
      ThoiDiemDuLieu: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/),
    });
    const congDan = answer.children[0]!;
    expect(congDan.children.map((c) => c.local)).toEqual([
      'SoDinhDanh',
      'SoCMND',
      'HoVaTen',
      'GioiTinh',
      'DanToc',
      'TonGiao',
      'TinhTrangHonNhan',
      'NgayThangNamSinh',
      'NoiDangKyKhaiSinh',
      'QuocTich',
      'QueQuan',
      'ThuongTru',
      'NoiOHienTai',
      'Cha',
      'Me',
      ...(congDan.children.some((c) => c.local === 'VoChong') ? ['VoChong'] : []),
      'ChuHo',
      'SoSoHoKhau',
    ]);
    expect(congDan.children.every((c) => c.uri === MIC)).toBe(true);
    const value = (await soapBody(res.data)).value as { CongDan: Record<string, unknown> };
    expect(value.CongDan).toMatchObject({
      SoDinhDanh: '024090001234',
      HoVaTen: { Ho: 'Nguyễn', ChuDem: 'Văn', Ten: 'An' },
      GioiTinh: '1',
      NgayThangNamSinh: { Nam: '1990', NgayThangNam: '19900512' },
      QueQuan: {
        MaTinhThanh: '24',
        MaQuanHuyen: '213',
        MaPhuongXa: '07210',
        ChiTiet: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang',
        QuocGia: 'VN',
      },
      Cha: { HoVaTen: 'Nguyễn Văn Bình', QuocTich: 'VN', SoDinhDanh: '024060000111' },
      Me: { HoVaTen: 'Trần Thị Cúc', SoDinhDanh: '024065000222' },
    });
    expect(value.CongDan['ThuongTru']).toEqual({
      MaTinhThanh: '24',
      MaQuanHuyen: expect.stringMatching(/^2\d\d$/),
      MaPhuongXa: expect.stringMatching(/^\d{5}$/),
      ChiTiet: expect.any(String),
      QuocGia: 'VN',
    });
  });

  it('refuses the old invented TraCuuNhanThan (id only) with a soap:Client fault', async () => {
    const res = await post(
      envelope('<dan:TraCuuNhanThan><dan:MaYeuCau>YC-2</dan:MaYeuCau><dan:SoDinhDanh>024090001234</dan:SoDinhDanh></dan:TraCuuNhanThan>'),
    );
    expect(res.status).toBe(500);
    expect(await fault(res.data)).toMatchObject({ faultcode: 'soap:Client', code: 'DC-400' });
  });

  it('answers a citizen whose name or birth date does not match with soap:Client DC-404', async () => {
    const res = await post(request('TraCuuThongTinCongDan', { birth: '<dan:NgayThangNam>19900513</dan:NgayThangNam>' }));
    expect(res.status).toBe(500);
    expect(await fault(res.data)).toMatchObject({ faultcode: 'soap:Client', code: 'DC-404' });
  });

  it('the gateway sends the golden shape and maps the record, structured addresses included', async () => {
    const golden1 = request('TraCuuThongTinCongDan');
    const example = golden.gateway.catalog.getConnection('csdl-dan-cu').operations.find((o) => o.id === 'tra-cuu-nhan-than')!.example;
    const out = await golden.outbound('csdl-dan-cu', 'tra-cuu-nhan-than', example);
    expect(out.error).toBeUndefined();
    expectSignedLikeC06(out.request);
    expect(await xmlShape(out.request.body)).toEqual(await xmlShape(golden1));
    expect(await childOrder(out.request.body)).toEqual(await childOrder(golden1));
    expect(out.data).toMatchObject({
      soDinhDanh: '024090001234',
      hoVaTen: 'Nguyễn Văn An',
      ho: 'Nguyễn',
      chuDem: 'Văn',
      ten: 'An',
      ngaySinh: '1990-05-12',
      namSinh: '1990',
      gioiTinh: 'Nam',
      maGioiTinh: '1',
      queQuan: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang',
      diaChi: {
        queQuan: {
          maTinhThanh: '24',
          maQuanHuyen: '213',
          maPhuongXa: '07210',
          chiTiet: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang',
          quocGia: 'VN',
        },
      },
      cha: { soDinhDanh: '024060000111', hoVaTen: 'Nguyễn Văn Bình', quocTich: 'VN' },
      me: { soDinhDanh: '024065000222', hoVaTen: 'Trần Thị Cúc' },
      chuHo: { quanHe: 'CH01', soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An' },
      soSoHoKhau: expect.stringMatching(/^24\d{7}$/),
    });
    expect((out.data as { diaChi: { thuongTru: unknown } }).diaChi.thuongTru).toMatchObject({ maTinhThanh: '24', quocGia: 'VN' });
  });

  it('the gateway sends a year-only birth date as NgayThangNamSinh/Nam', async () => {
    const out = await golden.outbound('csdl-dan-cu', 'tra-cuu-nhan-than', {
      soDinhDanh: '024090001234',
      hoVaTen: 'Nguyễn Văn An',
      namSinh: '1990',
    });
    expect(out.error).toBeUndefined();
    expect(await xmlShape(out.request.body)).toContain(
      `/{${SOAP}}Envelope/{${SOAP}}Body/{${DAN}}TraCuuThongTinCongDan/{${DAN}}NgayThangNamSinh/{${DAN}}Nam`,
    );
    expect(out.data).toMatchObject({ ngaySinh: '1990-05-12', namSinh: '1990' });
  });

  it("an unknown citizen reaches the caller as the provider's DC-404, not retried", async () => {
    const out = await golden.outbound('csdl-dan-cu', 'tra-cuu-nhan-than', {
      soDinhDanh: '024999999999',
      hoVaTen: 'Nguyễn Văn An',
      ngaySinh: '1990-05-12',
    });
    expect(out.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: 'DC-404', retryable: false });
  });
});

describe('c06-basic: wrong credentials are refused as C06 does (modelled: 401 and a SOAP fault)', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['a wrong secret', c06Headers({ secret: 'not-the-secret' }), /Chữ ký/],
    ['a stale Timestamp', c06Headers({ timestamp: Date.now() - 10 * 60 * 1000 }), /Timestamp/],
    ['a wrong ApiKey', c06Headers({ apiKey: 'nope' }), /ApiKey/],
    ['another X-Road-Client', c06Headers({ xRoadClient: 'VN/GOV/000.00.00.H99/OTHER' }), /X-Road-Client/],
  ];

  it.each(cases)('when the call carries %s, then 401 soap:Client DC-401', async (_what, headers, message) => {
    const res = await post(request('XacThucThongTinCongDanRequest'), headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic /);
    const f = await fault(res.data);
    expect(f).toMatchObject({ faultcode: 'soap:Client', code: 'DC-401' });
    expect(String(f.faultstring)).toMatch(message);
  });

  it('when the call carries a bearer token instead (the old ngsp-wso2 profile), then 401', async () => {
    const res = await post(request('XacThucThongTinCongDanRequest'), {
      'Content-Type': 'text/xml; charset=utf-8',
      Authorization: 'Bearer abc',
    });
    expect(res.status).toBe(401);
    expect((await fault(res.data)).code).toBe('DC-401');
  });
});

function expectSignedLikeC06(req: { method: string; path: string; headers: Readonly<Record<string, string>> }): void {
  expect(req.method).toBe('POST');
  expect(req.path).toBe(PATH);
  expect(req.headers['content-type']).toMatch(/^text\/xml/);
  expect(req.headers['soapaction']).toBe('""');
  expect(req.headers['x-road-client']).toBe(C06.xRoadClient);
  expect(req.headers['apikey']).toBe(C06.apiKey);
  const timestamp = req.headers['timestamp'] ?? '';
  expect(timestamp).toMatch(/^\d{13}$/);
  expect(Math.abs(Date.now() - Number(timestamp))).toBeLessThan(60_000);
  const expected = createHash('sha256')
    .update(PATH + C06.user + timestamp + C06.secret)
    .digest('hex');
  expect(req.headers['authorization']).toBe(`Basic ${Buffer.from(`${C06.user}:${expected}`).toString('base64')}`);
}

/** Attributes of CongdanCollection (the shared parsers keep elements only). */
function collectionAttributes(xml: string): Record<string, string> {
  const match = /<[\w-]+:CongdanCollection\s([^>]*)>/.exec(xml);
  return Object.fromEntries([...(match?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('when the gateway holds a wrong C06 secret', () => {
  let wrong: GoldenStack;
  beforeAll(async () => {
    const saved = process.env['C06_SECRET'];
    process.env['C06_SECRET'] = 'not-the-secret';
    try {
      wrong = await startGoldenStack('csdl-dan-cu-wrong-secret');
    } finally {
      if (saved === undefined) delete process.env['C06_SECRET'];
      else process.env['C06_SECRET'] = saved;
    }
  });
  afterAll(async () => {
    await wrong?.close();
  });

  it("then the caller gets the provider's DC-401 after one signed attempt: a new signature would not help", async () => {
    const out = await wrong.outbound('csdl-dan-cu', 'xac-thuc-cong-dan', {
      soDinhDanh: '024090001234',
      hoVaTen: 'Nguyễn Văn An',
      ngaySinh: '1990-05-12',
    });
    expect(out.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: 'DC-401', retryable: false });
    expect(out.requests).toHaveLength(1);
  });
});
