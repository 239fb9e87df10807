import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../mocks/auth/lgsp-access-token';
import { LGSP_PARTNER, lgspCredentials } from './support/credentials';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

/**
 * National price database behind the provincial LGSP: a push of `{"data":[giahhdvk report]}` with the
 * routing headers SENDER_CODE, TRAN_CODE, RECEIVER_CODE, answered `{"error_code","message","result"}`.
 */
let golden: GoldenStack;
let credentials: Record<string, string>;

const PATH = '/csdlgia/1.0/guiDuLieuGia';
const PDF = Buffer.from('%PDF-1.4 báo cáo giá tháng 3/2024').toString('base64');
const ROUTING = { SENDER_CODE: '000.00.00.H06', TRAN_CODE: 'BG-GIA-202403-0001', RECEIVER_CODE: 'CSDLGIA-BTC' };

/** Written by hand: Bắc Giang's March 2024 market prices, one line of lychee, retail, from the province's own survey. */
const GOLDEN_PUSH = {
  data: [
    {
      DIA_BAN: '24',
      NGUON_SO_LIEU: '2',
      DONVI_TTSL: '2',
      DINH_KY: 24,
      THOI_GIAN_BC_1: 3,
      THOI_GIAN_BC_2: 3,
      THOI_GIAN_BC_NAM: 2024,
      FILE_DINH_KEM_WORD: null,
      FILE_DINH_KEM_PDF: PDF,
      NGUOI_TAO: 'Sở Tài chính tỉnh Bắc Giang',
      NGUOI_DUYET: 'Trần Văn Hùng',
      DS_HHDV_TT: [
        {
          LOAI_GIA: 5,
          MA_HHDV: 'VAI-THIEU',
          DON_VI_TINH: 'kg',
          GIA_KY_TRUOC: 32000,
          GIA_KY_NAY: 35000,
          NGUON_THONG_TIN: 1,
          GHI_CHU: 'Vải thiều loại 1',
        },
      ],
    },
  ],
};
/** The same report as the provincial reporting system sends it to the gateway. */
const PROVINCIAL_REPORT = {
  kyBaoCao: '2024-03',
  nguoiDuyet: 'Trần Văn Hùng',
  tepPdf: PDF,
  matHang: [
    {
      maHangHoa: 'VAI-THIEU',
      tenHangHoa: 'Vải thiều Lục Ngạn loại 1',
      donViTinh: 'kg',
      gia: 35000,
      giaKyTruoc: 32000,
      loaiGia: 'ban-le',
      nguonThongTin: 1,
      ghiChu: 'Vải thiều loại 1',
    },
  ],
};

beforeAll(async () => {
  golden = await startGoldenStack('csdl-gia');
  credentials = await lgspCredentials(golden);
});

afterAll(async () => {
  await golden?.close();
});

const push = (body: unknown, headers: Record<string, string> = { ...credentials, ...ROUTING }) =>
  golden.mock('csdl-gia').post(PATH, JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ...headers } });
const json = (text: unknown): Record<string, unknown> => JSON.parse(String(text)) as Record<string, unknown>;

describe('the price push, straight to the mock', () => {
  test('the golden push is accepted: error_code "0"', async () => {
    const res = await push(GOLDEN_PUSH);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({
      error_code: '0',
      message: expect.stringContaining('1 mặt hàng'),
      result: expect.stringMatching(/^GIA\d{14}$/),
    });
  });

  test('the routing headers may be empty, as the public client sends them, but not absent', async () => {
    expect((await push(GOLDEN_PUSH, { ...credentials, SENDER_CODE: '', TRAN_CODE: '', RECEIVER_CODE: '' })).status).toBe(200);
    const res = await push(GOLDEN_PUSH, credentials);
    expect(res.status).toBe(400);
    expect(json(res.data)).toEqual({
      error_code: '-1',
      message: expect.stringMatching(/SENDER_CODE.*TRAN_CODE.*RECEIVER_CODE/s),
      result: null,
    });
  });

  test('the old invented shape is refused with error_code "-1"', async () => {
    const old = {
      MaDonVi: '000.00.00.H06',
      KyBaoCao: '2024-03',
      MatHang: [{ MaHangHoa: 'VAI-THIEU', TenHangHoa: 'Vải thiều', DonViTinh: 'kg', Gia: 35000 }],
    };
    const res = await push(old);
    expect(res.status).toBe(400);
    expect(json(res.data)).toEqual({ error_code: '-1', message: expect.stringContaining('data'), result: null });
  });

  test('the period is numbers, not dates: a yyyyMMdd THOI_GIAN_BC_1 is refused', async () => {
    const [report] = GOLDEN_PUSH.data;
    const res = await push({ data: [{ ...report, THOI_GIAN_BC_1: '20240301' }] });
    expect(res.status).toBe(400);
    expect(json(res.data)).toMatchObject({ error_code: '-1', message: expect.stringContaining('THOI_GIAN_BC_1') });
  });

  test('wrong credentials are 401 Invalid Credentials', async () => {
    const wrongPartner = lgspAccessTokenOf({ ...DEV_LGSP_PARTNER, AccessKey: 'x' });
    for (const headers of [
      { ...ROUTING },
      { ...ROUTING, Authorization: credentials['Authorization']! },
      { ...ROUTING, ...credentials, lgspaccesstoken: wrongPartner },
    ]) {
      const res = await push(GOLDEN_PUSH, headers);
      expect(res.status).toBe(401);
      expect(json(res.data)).toMatchObject({ fault: { code: 900901, message: 'Invalid Credentials' } });
    }
  });
});

describe('through the gateway', () => {
  test('gui-du-lieu-gia sends the golden push with its routing headers, and maps the receipt', async () => {
    const out = await golden.outbound('csdl-gia', 'gui-du-lieu-gia', PROVINCIAL_REPORT);
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe(PATH);
    expect(out.request.headers['content-type']).toMatch(/^application\/json/);
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(out.request.headers['lgspaccesstoken']).toBe(LGSP_PARTNER);
    const tranCode = out.request.headers['tran_code'];
    expect(out.request.headers['sender_code']).toBe('000.00.00.H06');
    expect(out.request.headers['receiver_code']).toBe('CSDLGIA-BTC');
    expect(tranCode).toBe(out.request.headers['x-request-id']);
    const sent = JSON.parse(out.request.body) as unknown;
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_PUSH));
    expect(sent).toEqual(GOLDEN_PUSH);
    expect(out.data).toEqual({
      maTiepNhan: expect.stringMatching(/^GIA\d{14}$/),
      maGiaoDich: tranCode,
      trangThai: 'DA_TIEP_NHAN',
      thongBao: expect.stringContaining('1 mặt hàng'),
    });
  });

  test('a wholesale line without a previous price goes as LOAI_GIA 10 with null GIA_KY_TRUOC', async () => {
    const out = await golden.outbound('csdl-gia', 'gui-du-lieu-gia', {
      kyBaoCao: '2024-12',
      matHang: [{ maHangHoa: 'GAO-TE', donViTinh: 'kg', gia: 16000, loaiGia: 'ban-buon' }],
    });
    expect(out.error).toBeUndefined();
    const report = (JSON.parse(out.request.body) as typeof GOLDEN_PUSH).data[0]!;
    expect(report).toMatchObject({
      THOI_GIAN_BC_1: 12,
      THOI_GIAN_BC_2: 12,
      THOI_GIAN_BC_NAM: 2024,
      NGUOI_DUYET: null,
      FILE_DINH_KEM_PDF: null,
    });
    expect(report.DS_HHDV_TT).toEqual([
      { LOAI_GIA: 10, MA_HHDV: 'GAO-TE', DON_VI_TINH: 'kg', GIA_KY_TRUOC: null, GIA_KY_NAY: 16000, NGUON_THONG_TIN: 2, GHI_CHU: null },
    ]);
  });

  test("the platform's refusal reaches the caller as error_code -1, not retried", async () => {
    const out = await golden.outbound('csdl-gia', 'gui-du-lieu-gia', { ...PROVINCIAL_REPORT, kyBaoCao: '1999-03' });
    expect(out.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: '-1', providerStatus: 400, retryable: false });
  });
});
