import { createHash } from 'node:crypto';
import { DEV_PAYMENT_PARTNER } from '../../mocks/data/dossiers';
import { fetchToken } from '../mocks/support/mock-harness';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

const SERVICE = 'dvcqg-thanh-toan';
const SECRET = 'dvcqg-payment-dev-secret';
const INIT_PATH = '/thanhtoan/1.0/init';
const QUERY_PATH = '/thanhtoan/1.0/query';
const GET_BILL_PATH = '/thanhtoan/1.0/getbill';

let golden: GoldenStack;
let bearer: string;

beforeAll(async () => {
  golden = await startGoldenStack(SERVICE);
  bearer = `Bearer ${await fetchToken(golden.mocks.ngspUrl)}`;
});

afterAll(async () => {
  await golden?.close();
});

const parse = <T = Record<string, unknown>>(body: unknown): T => JSON.parse(String(body)) as T;
const example = (operationId: string): unknown =>
  golden.gateway.catalog.getConnection(SERVICE).operations.find((o) => o.id === operationId)!.example;

/** sha256 hex of the values joined by "|", the partner secret last: computed here, independently of the gateway. */
const checksum = (values: readonly unknown[], secret = SECRET): string =>
  createHash('sha256')
    .update([...values.map(String), secret].join('|'), 'utf8')
    .digest('hex');
const INIT_ORDER = [
  'LoaiBanTin',
  'PhienBan',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'LoaiHinhThanhToan',
  'MaKenhThanhToan',
  'MaThietBi',
  'NgonNgu',
  'MaTienTe',
  'MaNganHang',
  'ThongTinGiaoDich',
  'ThoiGianGD',
  'Ip',
];
const QUERY_ORDER = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'];
const sign = <T extends Record<string, unknown>>(message: T, order: readonly string[]): T & { MaXacThuc: string } => ({
  ...message,
  MaXacThuc: checksum(order.map((f) => message[f])),
});

async function platform(
  path: string,
  body: unknown,
  auth: string | null = bearer,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await golden.mock(SERVICE).post(path, body, { headers: auth === null ? {} : { Authorization: auth } });
  return { status: res.status, body: parse(res.data) };
}

// Golden INIT message of version 1.0.6, written for these tests (receipt fields as public clients send them).
const GOLDEN_INIT_FIELDS = {
  LoaiBanTin: 'INIT',
  PhienBan: '1.0.6',
  MaDoiTac: DEV_PAYMENT_PARTNER,
  MaThamChieu: 'H0622240402003120240402101500',
  SoTien: '100000',
  LoaiHinhThanhToan: 'PAY',
  MaKenhThanhToan: '1',
  MaThietBi: '1',
  NgonNgu: 'vi-VN',
  MaTienTe: 'VND',
  MaNganHang: 'PAYMENT',
  ThongTinGiaoDich: 'Lệ phí đăng ký hộ kinh doanh',
  ThoiGianGD: '20240402101500',
  Ip: '10.24.0.15',
};
const GOLDEN_RECEIPT = {
  MaDichVu: '2',
  MaDVC: '1.001612.01',
  TenDVC: 'Đăng ký thành lập hộ kinh doanh',
  MaTTHC: '1.001612',
  TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
  MaDonVi: '000.00.00.H06',
  TenDonVi: 'UBND tỉnh Bắc Giang',
  MaHoSo: 'H06.22-240402-0031',
  TKThuHuong: '',
  MaNHThuHuong: '',
  TenTKThuHuong: '',
  MaLoaiHinhThuPhat: '',
  TenLoaiHinhThuPhat: '',
  MaCoQuanQD: '',
  TenCoQuanQD: '',
  KhoBac: '',
  NgayQD: '',
  SoQD: '',
  ThoiGianViPham: '',
  DiaDiemViPham: '',
  TenNguoiViPham: '',
  TaiKhoanThuNSNN: '',
  NoiDungThanhToan: 'Lệ phí đăng ký hộ kinh doanh',
  HoTenNguoiNop: 'Hoàng Thị Lan',
  SoCMNDNguoiNop: '',
  DiaChiNguoiNop: '',
  HuyenNguoiNop: '',
  TinhNguoiNop: '',
  PhiLePhi: [{ LoaiPhiLePhi: 'Phi', MaPhiLePhi: '1.001612.01', TenPhiLePhi: 'Lệ phí đăng ký hộ kinh doanh', SoTien: '100000' }],
  DSKhoanNop: [{ NoiDung: 'Lệ phí đăng ký hộ kinh doanh', SoTien: '100000' }],
};
const GOLDEN_INIT = { ...sign(GOLDEN_INIT_FIELDS, INIT_ORDER), ThongTinBienLai: GOLDEN_RECEIPT };
const GOLDEN_QUERY = sign(
  {
    LoaiBanTin: 'QUERY',
    PhienBan: '1.0.6',
    MaDoiTac: DEV_PAYMENT_PARTNER,
    MaThamChieu: 'H0622240315000120240315090000',
    ThoiGianGD: '20240315090000',
  },
  QUERY_ORDER,
);

describe('INIT (tao-giao-dich)', () => {
  test('a golden INIT is accepted: error_code "0" and a message that is JSON holding UrlThanhToan', async () => {
    const res = await platform(INIT_PATH, GOLDEN_INIT);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ error_code: '0', message: expect.any(String) });
    expect(parse(res.body['message'])).toMatchObject({
      MaThamChieu: GOLDEN_INIT.MaThamChieu,
      UrlThanhToan: expect.stringMatching(/^https:\/\//),
    });
  });

  test("a wrong checksum, or the old invented shape, is refused with the platform's error_code", async () => {
    const tampered = await platform(INIT_PATH, { ...GOLDEN_INIT, SoTien: '1000' });
    expect(tampered).toEqual({ status: 200, body: { error_code: '03', message: expect.stringContaining('MaXacThuc') } });
    const old = await platform(INIT_PATH, {
      MaHoSo: 'H06.22-240315-0001',
      SoTien: 50000,
      NoiDung: 'Lệ phí',
      NguoiNop: 'Nguyễn Văn An',
      MaDonVi: '000.00.00.H06',
    });
    expect(old.body).toMatchObject({ error_code: '01', message: expect.stringContaining('LoaiBanTin') });
    const oldPath = await platform('/thanhtoan/1.0/taoGiaoDich', GOLDEN_INIT);
    expect(oldPath.status).toBe(404);
  });

  test('the gateway sends the golden shape, a checksum over the real field order, and maps the answer', async () => {
    const out = await golden.outbound(SERVICE, 'tao-giao-dich', example('tao-giao-dich'));
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe(INIT_PATH);
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(out.request.headers['content-type']).toMatch(/^application\/json/);
    const sent = parse(out.request.body);
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_INIT));
    expect(sent).toMatchObject({
      LoaiBanTin: 'INIT',
      PhienBan: '1.0.6',
      MaDoiTac: DEV_PAYMENT_PARTNER,
      SoTien: '50000',
      MaTienTe: 'VND',
      LoaiHinhThanhToan: 'PAY',
      NgonNgu: 'vi-VN',
    });
    expect(sent['ThoiGianGD']).toMatch(/^\d{14}$/);
    // Made as public clients make it: the dossier code without punctuation, then ThoiGianGD.
    expect(sent['MaThamChieu']).toBe(`H06222403150001${String(sent['ThoiGianGD'])}`);
    expect(sent['MaXacThuc']).toBe(checksum(INIT_ORDER.map((f) => sent[f])));
    expect(sent['ThongTinBienLai']).toMatchObject({
      MaHoSo: 'H06.22-240315-0001',
      MaTTHC: '1.001612',
      MaDVC: '1.001612.01',
      MaDonVi: '000.00.00.H06',
      HoTenNguoiNop: 'Nguyễn Văn An',
    });
    expect(out.data).toEqual({
      maThamChieu: sent['MaThamChieu'],
      thoiGianGiaoDich: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/),
      duongDanThanhToan: expect.stringMatching(/^https:\/\//),
      trangThai: 'CHO_THANH_TOAN',
    });
  });
});

describe('QUERY (tra-cuu-giao-dich)', () => {
  test('a golden QUERY gets the flat answer: MaLoi "00", MaGiaoDich, TrangThaiGD', async () => {
    const res = await platform(QUERY_PATH, GOLDEN_QUERY);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      MaLoi: '00',
      MoTaLoi: expect.any(String),
      LoaiBanTin: 'QUERY',
      MaDoiTac: DEV_PAYMENT_PARTNER,
      MaThamChieu: GOLDEN_QUERY.MaThamChieu,
      ThoiGianGD: '20240315090000',
      SoTien: 50000,
      MaTienTe: 'VND',
      MaGiaoDich: 'GD240315000001',
      MaNganHang: 'VCB',
      ThongTinGiaoDich: expect.any(String),
      TrangThaiGD: '1',
      MaXacThuc: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('the old invented shape, a wrong checksum and an unknown reference are refused with MaLoi', async () => {
    expect((await platform(QUERY_PATH, { MaGiaoDich: 'GD240315000001' })).body).toMatchObject({
      MaLoi: '01',
      MoTaLoi: expect.stringContaining('LoaiBanTin'),
    });
    expect((await platform(QUERY_PATH, { ...GOLDEN_QUERY, MaXacThuc: checksum(['x']) })).body).toMatchObject({ MaLoi: '03' });
    const unknown = sign({ ...GOLDEN_QUERY, MaThamChieu: 'H0600000000000020240101000000' }, QUERY_ORDER);
    expect((await platform(QUERY_PATH, unknown)).body).toMatchObject({ MaLoi: '04', MaThamChieu: 'H0600000000000020240101000000' });
  });

  test('the gateway sends the golden shape and maps the paid transaction', async () => {
    const out = await golden.outbound(SERVICE, 'tra-cuu-giao-dich', example('tra-cuu-giao-dich'));
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe(QUERY_PATH);
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    const sent = parse(out.request.body);
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_QUERY));
    expect(sent).toEqual(GOLDEN_QUERY);
    expect(out.data).toEqual({
      maThamChieu: GOLDEN_QUERY.MaThamChieu,
      maGiaoDich: 'GD240315000001',
      soTien: 50000,
      maNganHang: 'VCB',
      thongTinGiaoDich: expect.any(String),
      thoiGianGiaoDich: '2024-03-15T09:00:00+07:00',
      trangThai: 'DA_THANH_TOAN',
    });
  });

  test("a transaction the gateway created is found pending; an unknown one is the platform's error", async () => {
    const created = await golden.outbound(SERVICE, 'tao-giao-dich', {
      ...(example('tao-giao-dich') as object),
      maThamChieu: 'H0622240315000120240402110000',
    });
    const { maThamChieu, thoiGianGiaoDich } = created.data as { maThamChieu: string; thoiGianGiaoDich: string };
    expect(maThamChieu).toBe('H0622240315000120240402110000');
    const found = await golden.outbound(SERVICE, 'tra-cuu-giao-dich', { maThamChieu, thoiGianGiaoDich });
    expect(found.data).toMatchObject({ maThamChieu, maGiaoDich: null, soTien: 50000, trangThai: 'CHO_THANH_TOAN' });
    const missing = await golden.outbound(SERVICE, 'tra-cuu-giao-dich', {
      maThamChieu: 'H0600000000000020240101000000',
      thoiGianGiaoDich: '2024-01-01T00:00:00+07:00',
    });
    expect(missing.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: '04' });
  });
});

// Golden GET_BILL of version 1.0.6 for the paid transaction of 15 March: QUERY's fields, signed in QUERY's order.
const GOLDEN_GET_BILL = sign(
  {
    LoaiBanTin: 'GET_BILL',
    PhienBan: '1.0.6',
    MaDoiTac: DEV_PAYMENT_PARTNER,
    MaThamChieu: 'H0622240315000120240315090000',
    ThoiGianGD: '20240315090000',
  },
  QUERY_ORDER,
);

/** A call straight to the platform whose answer is kept as bytes. */
async function platformBytes(body: unknown): Promise<{ status: number; contentType: string; bytes: Buffer; disposition?: string }> {
  const res = await golden.mock(SERVICE).post(GET_BILL_PATH, body, { headers: { Authorization: bearer }, responseType: 'arraybuffer' });
  return {
    status: res.status,
    contentType: String(res.headers['content-type']),
    bytes: Buffer.from(res.data as ArrayBuffer),
    disposition: res.headers['content-disposition'] as string | undefined,
  };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * What a PDF reader relies on: the header, every cross-reference entry at the byte offset of its
 * object, `startxref` at the table, the content stream as long as its `/Length` says, the trailer.
 */
function expectWholePdf(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const table = /^xref\n0 (\d+)\n((?:\d{10} \d{5} [fn] \n)+)trailer\n<< \/Size (\d+) \/Root 1 0 R >>/.exec(text.slice(startxref));
  expect(table).not.toBeNull();
  const entries = table![2]!.match(/.{20}/gs)!;
  expect(entries).toHaveLength(Number(table![1]));
  expect(table![3]).toBe(table![1]);
  entries.slice(1).forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  const stream = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(text);
  expect(stream?.[2]?.length).toBe(Number(stream?.[1]));
  return stream?.[2] ?? '';
}

describe('GET_BILL (lay-bien-lai)', () => {
  test('a golden GET_BILL gets the receipt: a whole PDF document naming the reference and the amount', async () => {
    const res = await platformBytes(GOLDEN_GET_BILL);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/pdf');
    expect(res.disposition).toBe('attachment; filename="BienLai_H0622240315000120240315090000.pdf"');
    const content = expectWholePdf(res.bytes);
    expect(content).toContain('(Ma tham chieu: H0622240315000120240315090000) Tj');
    expect(content).toContain('(So tien: 50.000 VND) Tj');
    expect(content).toContain('(Ma giao dich: GD240315000001) Tj');
  });

  test("a wrong checksum, an unknown reference, an unpaid transaction or another message type is refused with the platform's error_code", async () => {
    const tampered = await platform(GET_BILL_PATH, { ...GOLDEN_GET_BILL, ThoiGianGD: '20240315090001' });
    expect(tampered).toEqual({ status: 200, body: { error_code: '03', message: expect.stringContaining('MaXacThuc') } });
    const unknown = sign({ ...GOLDEN_GET_BILL, MaThamChieu: 'H0600000000000020240101000000' }, QUERY_ORDER);
    expect(await platform(GET_BILL_PATH, unknown)).toEqual({ status: 200, body: { error_code: '04', message: expect.any(String) } });
    const query = await platform(GET_BILL_PATH, GOLDEN_QUERY);
    expect(query.body).toMatchObject({ error_code: '01', message: expect.stringContaining('LoaiBanTin') });
    const pending = { ...GOLDEN_INIT_FIELDS, MaThamChieu: 'H0622240402003120240402120000', ThoiGianGD: '20240402120000' };
    expect((await platform(INIT_PATH, { ...sign(pending, INIT_ORDER), ThongTinBienLai: GOLDEN_RECEIPT })).body).toMatchObject({
      error_code: '0',
    });
    const unpaid = sign({ ...GOLDEN_GET_BILL, MaThamChieu: pending.MaThamChieu, ThoiGianGD: pending.ThoiGianGD }, QUERY_ORDER);
    expect((await platform(GET_BILL_PATH, unpaid)).body).toMatchObject({ error_code: '05' });
  });

  test('the gateway sends the golden shape and answers the very bytes the platform served, base64 with their sha256', async () => {
    const served = await platformBytes(GOLDEN_GET_BILL);
    const out = await golden.outbound(SERVICE, 'lay-bien-lai', example('lay-bien-lai'));
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe(GET_BILL_PATH);
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(out.request.headers['content-type']).toMatch(/^application\/json/);
    const sent = parse(out.request.body);
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_GET_BILL));
    expect(sent).toEqual(GOLDEN_GET_BILL);
    const data = out.data as { contentType: string; fileName: string; sizeBytes: number; sha256: string; contentBase64: string };
    expect(data).toEqual({
      contentType: 'application/pdf',
      fileName: 'BienLai_H0622240315000120240315090000.pdf',
      sizeBytes: served.bytes.length,
      sha256: sha256(served.bytes),
      contentBase64: expect.any(String),
    });
    const received = Buffer.from(data.contentBase64, 'base64');
    expect(sha256(received)).toBe(sha256(served.bytes));
    expect(received.equals(served.bytes)).toBe(true);
  });

  test("a refusal reaches the caller as the platform's error, and a cut receipt as a bad answer", async () => {
    const missing = await golden.outbound(SERVICE, 'lay-bien-lai', {
      maThamChieu: 'H0600000000000020240101000000',
      thoiGianGiaoDich: '2024-01-01T00:00:00+07:00',
    });
    expect(missing.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: '04', retryable: false });
    const control = golden.mock(SERVICE);
    await control.put(`/__mock/faults/${SERVICE}`, { mode: 'malformed' });
    try {
      const cut = await golden.outbound(SERVICE, 'lay-bien-lai', example('lay-bien-lai'));
      expect(cut.error).toMatchObject({ type: 'Server.Provider.BadResponse', message: expect.stringContaining('not a whole PDF') });
    } finally {
      await control.delete('/__mock/faults');
    }
  });
});

describe('credentials', () => {
  test("without a valid NGSP token the platform is not reached: WSO2's 900901", async () => {
    for (const auth of [null, 'Bearer not-a-token']) {
      const res = await golden.mock(SERVICE).post(QUERY_PATH, GOLDEN_QUERY, { headers: auth === null ? {} : { Authorization: auth } });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(parse(res.data)).toMatchObject({ fault: { code: 900901 } });
    }
  });

  test('a message signed with another secret is refused (MaXacThuc), whatever the token', async () => {
    const forged = {
      ...GOLDEN_QUERY,
      MaXacThuc: checksum(
        QUERY_ORDER.map((f) => (GOLDEN_QUERY as Record<string, unknown>)[f]),
        'another-secret',
      ),
    };
    expect((await platform(QUERY_PATH, forged)).body).toMatchObject({ MaLoi: '03' });
  });
});
