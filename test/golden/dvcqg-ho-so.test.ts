import axios from 'axios';
import { DEV_DVCQG_CREDENTIALS, DVCQG_LOGIN_PATH } from '../../mocks/auth/dvcqg-session';
import { isGatewayError } from '../../src/errors/gateway-error';
import { DvcqgSessionClient } from '../../src/provider-auth/dvcqg-session-auth';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

const SERVICE = 'dvcqg-ho-so';
const PATH = '/dvcqg/1.0/dongBoHoSo';
const MADONVI = '000.00.00.H06';

let golden: GoldenStack;

beforeAll(async () => {
  golden = await startGoldenStack(SERVICE);
});

afterAll(async () => {
  await golden?.close();
});

const parse = <T = Record<string, unknown>>(body: unknown): T => JSON.parse(String(body)) as T;
const example = (operationId: string): unknown =>
  golden.gateway.catalog.getConnection(SERVICE).operations.find((o) => o.id === operationId)!.example;

async function login(): Promise<string> {
  const res = await golden.mock(SERVICE).post(DVCQG_LOGIN_PATH, DEV_DVCQG_CREDENTIALS);
  expect(res.status).toBe(200);
  const body = parse<{ error_code: number; session: string }>(res.data);
  expect(body).toMatchObject({ error_code: 0, session: expect.any(String) });
  return body.session;
}

/** Sends an envelope straight to the portal mock. */
async function portal(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await golden.mock(SERVICE).post(PATH, body);
  return { status: res.status, body: parse(res.data) };
}

// Golden requests in the portal's real shape, written for these tests: every value a string,
// times yyyyMMddHHmmss, the session inside the envelope.
const GOLDEN_DOSSIER = {
  MaHoSo: 'H06.22-240402-0031',
  MaTTHC: '1.001612',
  TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
  MaLinhVuc: 'G09-KD',
  TenLinhVuc: 'Thành lập và hoạt động của hộ kinh doanh',
  KenhThucHien: '2',
  ChuHoSo: 'Hoàng Thị Lan',
  LoaiDoiTuong: '1',
  MaDoiTuong: '024185006789',
  ThongTinKhac: '',
  Email: 'lan.hoang@example.vn',
  Fax: '',
  SoDienThoai: '0977123456',
  TrichYeuHoSo: 'Đăng ký hộ kinh doanh tạp hóa tại Yên Dũng',
  NgayTiepNhan: '20240402081500',
  NgayHenTra: '20240405170000',
  TrangThaiHoSo: '2',
  NgayTra: '',
  ThongTinTra: '',
  HinhThuc: '0',
  NgayKetThucXuLy: '',
  DonViXuLy: 'UBND huyện Yên Dũng',
  GhiChu: '',
  TaiLieuNop: [
    {
      TepDinhKemId: '5521',
      TenTepDinhKem: 'GiayDeNghi.pdf',
      IsDeleted: 'False',
      MaThanhPhanHoSo: 'TP01',
      DuongDanTaiTepTin: 'https://motcua.bacgiang.gov.vn/tep/5521',
    },
  ],
  DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký hộ kinh doanh', MaPhiLePhi: 'LP01', HinhThucThu: '1', Gia: '100000', LoaiPhiLePhi: '1' }],
  DanhSachTepDinhKemKhac: [],
  DanhSachHoSoBoSung: [],
  DanhSachGiayToKetQua: [],
};
const GOLDEN_PROGRESS = {
  MaHoSo: 'H06.22-240315-0001',
  NguoiXuLy: 'Đỗ Minh Tuấn',
  ChucDanh: 'Chuyên viên',
  ThoiDiemXuLy: '20240318100000',
  PhongBanXuLy: 'Phòng Tài chính - Kế hoạch',
  NoiDungXuLy: 'Chuyển lãnh đạo phê duyệt',
  TrangThai: '4',
  NgayBatDau: '20240315083000',
  NgayKetThucTheoQuyDinh: '20240320170000',
};
const golden_ = (session: string, service: string, fields: Record<string, unknown>) => ({ session, madonvi: MADONVI, service, ...fields });

/** The gateway's envelope for an operation: same path, same service, the session of its own login, and the golden shape. */
async function compareOutbound(operationId: string, service: string, goldenFields: Record<string, unknown>) {
  const out = await golden.outbound(SERVICE, operationId, example(operationId));
  expect(out.error).toBeUndefined();
  expect(out.request.method).toBe('POST');
  expect(out.request.path).toBe(PATH);
  expect(out.request.headers['content-type']).toMatch(/^application\/json/);
  expect(out.request.headers['authorization']).toBeUndefined();
  const sent = parse(out.request.body);
  expect(sent).toMatchObject({ madonvi: MADONVI, service, session: expect.stringMatching(/\S/) });
  expect(jsonShape(sent)).toEqual(jsonShape(golden_('s', service, goldenFields)));
  return { out, sent };
}

describe('DongBoHoSoMC (dong-bo-ho-so)', () => {
  test("a golden envelope is accepted with the portal's answer", async () => {
    const session = await login();
    const res = await portal(golden_(session, 'DongBoHoSoMC', { isUpdating: 'False', data: [GOLDEN_DOSSIER] }));
    expect(res).toEqual({
      status: 200,
      body: { error_code: '00', message: 'Thành công', result: [{ MaHoSo: GOLDEN_DOSSIER.MaHoSo, TrangThaiDongBo: 'DA_DONG_BO' }] },
    });
    const found = await portal(golden_(session, 'TraCuuHoSo', { mahoso: GOLDEN_DOSSIER.MaHoSo }));
    expect(found.body).toEqual({ error_code: '00', message: 'Thành công', result: [GOLDEN_DOSSIER] });
  });

  test('the old invented shape (boolean isUpdating, numbers, DuongDanTaiTep, MucPhi) is refused as invalid data', async () => {
    const session = await login();
    const old = {
      ...GOLDEN_DOSSIER,
      LoaiDoiTuong: 1,
      TrangThaiHoSo: 2,
      HinhThuc: 2,
      TaiLieuNop: [{ TenTepDinhKem: 'GiayDeNghi.pdf', DuongDanTaiTep: 'https://motcua.bacgiang.gov.vn/tep/5521' }],
      DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', MucPhi: 100000 }],
    };
    const res = await portal(golden_(session, 'DongBoHoSoMC', { isUpdating: false, data: [old] }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ error_code: '01', result: null });
    for (const field of [
      'isUpdating',
      'data.0.LoaiDoiTuong',
      'data.0.TrangThaiHoSo',
      'data.0.HinhThuc',
      'data.0.TaiLieuNop.0.DuongDanTaiTepTin',
      'data.0.DanhSachLePhi.0.Gia',
    ]) {
      expect(String(res.body['message'])).toContain(field);
    }
  });

  test('the gateway sends the golden shape, values as strings, and maps the answer', async () => {
    const { out, sent } = await compareOutbound('dong-bo-ho-so', 'DongBoHoSoMC', { isUpdating: 'False', data: [GOLDEN_DOSSIER] });
    const item = (sent['data'] as Array<Record<string, unknown>>)[0]!;
    expect(sent['isUpdating']).toBe('False');
    expect(item).toMatchObject({
      MaHoSo: 'H06.22-240315-0002',
      KenhThucHien: '2',
      LoaiDoiTuong: '1',
      TrangThaiHoSo: '2',
      HinhThuc: '0',
      NgayTiepNhan: '20240315083000',
      NgayHenTra: '20240318170000',
      NgayTra: '',
      Fax: '',
      TaiLieuNop: [
        { TepDinhKemId: '1001', IsDeleted: 'False', MaThanhPhanHoSo: 'TP01', DuongDanTaiTepTin: 'https://motcua.bacgiang.gov.vn/tep/1' },
      ],
      DanhSachLePhi: [{ Gia: '100000', MaPhiLePhi: 'LP01', HinhThucThu: '1', LoaiPhiLePhi: '1' }],
    });
    expect(out.data).toEqual({ maHoSo: 'H06.22-240315-0002', trangThaiDongBo: 'DA_DONG_BO' });
  });
});

describe('CapNhatTienDoHoSoMC (cap-nhat-tien-do)', () => {
  test('a golden envelope (no isUpdating) is accepted', async () => {
    const res = await portal(golden_(await login(), 'CapNhatTienDoHoSoMC', { data: [GOLDEN_PROGRESS] }));
    expect(res).toEqual({
      status: 200,
      body: { error_code: '00', message: 'Thành công', result: [{ MaHoSo: GOLDEN_PROGRESS.MaHoSo, TrangThaiDongBo: 'DA_CAP_NHAT' }] },
    });
  });

  test('the old invented shape (isUpdating true, TrangThai a number) is refused', async () => {
    const res = await portal(
      golden_(await login(), 'CapNhatTienDoHoSoMC', { isUpdating: true, data: [{ ...GOLDEN_PROGRESS, TrangThai: 4 }] }),
    );
    expect(res.body).toMatchObject({ error_code: '01', message: expect.stringContaining('data.0.TrangThai'), result: null });
  });

  test('the gateway sends the golden shape without isUpdating and maps the answer', async () => {
    const { out, sent } = await compareOutbound('cap-nhat-tien-do', 'CapNhatTienDoHoSoMC', { data: [GOLDEN_PROGRESS] });
    expect(sent).not.toHaveProperty('isUpdating');
    expect((sent['data'] as unknown[])[0]).toMatchObject({ TrangThai: '4', ThoiDiemXuLy: '20240316090000', NgayBatDau: '20240315083000' });
    expect(out.data).toEqual({ maHoSo: 'H06.22-240315-0001', trangThaiDongBo: 'DA_CAP_NHAT' });
  });
});

describe('TraCuuHoSo (tra-cuu-ho-so)', () => {
  test('a golden lookup gets a list: the dossier, or nothing', async () => {
    const session = await login();
    const found = await portal(golden_(session, 'TraCuuHoSo', { mahoso: 'H06.22-240315-0001' }));
    expect(found.body).toMatchObject({
      error_code: '00',
      result: [{ MaHoSo: 'H06.22-240315-0001', TrangThaiHoSo: expect.stringMatching(/^\d+$/), NgayTiepNhan: '20240315083000' }],
    });
    const missing = await portal(golden_(session, 'TraCuuHoSo', { mahoso: 'H06.00-000000-0000' }));
    expect(missing.body).toEqual({ error_code: '00', message: 'Thành công', result: [] });
  });

  test('the old invented shape (data:[{MaHoSo}]) is refused: the portal wants a flat mahoso', async () => {
    const res = await portal(golden_(await login(), 'TraCuuHoSo', { isUpdating: false, data: [{ MaHoSo: 'H06.22-240315-0001' }] }));
    expect(res.body).toMatchObject({ error_code: '01', message: expect.stringContaining('mahoso'), result: null });
  });

  test('the gateway sends a flat mahoso, maps the dossier back, and answers null when the portal finds nothing', async () => {
    const { out } = await compareOutbound('tra-cuu-ho-so', 'TraCuuHoSo', { mahoso: 'H06.22-240315-0001' });
    expect(out.data).toMatchObject({
      maHoSo: 'H06.22-240315-0001',
      loaiDoiTuong: 1,
      hinhThuc: 2,
      traKetQuaQuaBuuChinh: false,
      ngayTiepNhan: '2024-03-15T08:30:00+07:00',
      taiLieuNop: [{ id: '88001', tenTep: 'GiayDeNghiDangKyHKD.pdf', maThanhPhanHoSo: 'TP01', daXoa: false }],
      lePhi: [{ ten: 'Lệ phí đăng ký hộ kinh doanh', mucPhi: 50000, ma: 'LP-1.001612' }],
    });
    const none = await golden.outbound(SERVICE, 'tra-cuu-ho-so', { maHoSo: 'H06.00-000000-0000' });
    expect(none.error).toBeUndefined();
    expect(none.data).toBeNull();
  });
});

describe('LayThuTuc (lay-thu-tuc)', () => {
  test("a golden lookup gets the procedure in the portal's catalogue names; a missing maTTHC is refused", async () => {
    const session = await login();
    const res = await portal(golden_(session, 'LayThuTuc', { maTTHC: '1.001612' }));
    expect(res.body).toMatchObject({
      error_code: '00',
      result: [
        {
          MATTHC: '1.001612',
          TENTTHC: expect.any(String),
          LINHVUCTHUCHIEN: [{ MALINHVUC: 'G09-KD' }],
          CACHTHUCTHUCHIEN: expect.any(Array),
        },
      ],
    });
    const refused = await portal(golden_(session, 'LayThuTuc', { data: [{ MaTTHC: '1.001612' }] }));
    expect(refused.body).toMatchObject({ error_code: '01', message: expect.stringContaining('maTTHC') });
  });

  test('the gateway sends maTTHC and maps the procedure', async () => {
    const { out } = await compareOutbound('lay-thu-tuc', 'LayThuTuc', { maTTHC: '1.001612' });
    expect(out.data).toMatchObject({
      maThuTuc: '1.001612',
      linhVuc: [{ ma: 'G09-KD' }],
      cachThucThucHien: expect.arrayContaining([
        expect.objectContaining({
          kenh: 2,
          thoiGian: [expect.objectContaining({ thoiGianGiaiQuyet: 3, phiLePhi: [expect.objectContaining({ soTien: 100000 })] })],
        }),
      ]),
    });
  });
});

describe('the dvcqg-session profile', () => {
  test("a wrong password gets the portal's login refusal, and no session", async () => {
    const res = await golden.mock(SERVICE).post(DVCQG_LOGIN_PATH, { username: DEV_DVCQG_CREDENTIALS.username, password: 'wrong' });
    expect(res.status).toBe(200);
    expect(parse(res.data)).toEqual({ error_code: 1, message: expect.any(String), session: null });
  });

  test('an unknown or revoked session is refused with the stale-session code', async () => {
    const unknown = await portal(golden_('not-a-session', 'TraCuuHoSo', { mahoso: 'H06.22-240315-0001' }));
    expect(unknown).toEqual({ status: 200, body: { error_code: '03', message: expect.any(String), result: null } });
    const session = await login();
    expect((await golden.mock(SERVICE).delete('/__mock/dvcqg-sessions')).status).toBe(204);
    const revoked = await portal(golden_(session, 'TraCuuHoSo', { mahoso: 'H06.22-240315-0001' }));
    expect(revoked.body).toMatchObject({ error_code: '03' });
  });

  test('the gateway logs in once, reuses its session, and after a revocation logs in again and resends once', async () => {
    const first = await golden.outbound(SERVICE, 'tra-cuu-ho-so', example('tra-cuu-ho-so'));
    const second = await golden.outbound(SERVICE, 'tra-cuu-ho-so', example('tra-cuu-ho-so'));
    expect(second.requests.map((r) => r.path)).toEqual([PATH]);
    expect(parse(second.request.body)['session']).toBe(parse(first.request.body)['session']);

    await golden.mock(SERVICE).delete('/__mock/dvcqg-sessions');
    const renewed = await golden.outbound(SERVICE, 'tra-cuu-ho-so', example('tra-cuu-ho-so'));
    expect(renewed.error).toBeUndefined();
    expect(renewed.requests.map((r) => r.path)).toEqual([PATH, DVCQG_LOGIN_PATH, PATH]);
    expect(parse(renewed.requests[1]!.body)).toEqual(DEV_DVCQG_CREDENTIALS);
    const [stale, , fresh] = renewed.requests.map((r) => parse(r.body)['session']);
    expect(stale).toBe(parse(first.request.body)['session']);
    expect(fresh).not.toBe(stale);
    expect(renewed.data).toMatchObject({ maHoSo: 'H06.22-240315-0001' });
  });

  test('concurrent callers share one login', async () => {
    const stats = async () => parse<{ issued: number }>((await golden.mock(SERVICE).get('/__mock/dvcqg-session')).data).issued;
    const before = await stats();
    const client = new DvcqgSessionClient(axios.create(), {
      loginUrl: `${golden.mocks.ngspUrl}${DVCQG_LOGIN_PATH}`,
      ...DEV_DVCQG_CREDENTIALS,
    });
    const sessions = await Promise.all(Array.from({ length: 5 }, () => client.getSession()));
    expect(new Set(sessions).size).toBe(1);
    expect(await stats()).toBe(before + 1);
  });

  test("a gateway holding a wrong password gets Server.Provider.Error with the portal's code, not retryable", async () => {
    const client = new DvcqgSessionClient(axios.create(), {
      loginUrl: `${golden.mocks.ngspUrl}${DVCQG_LOGIN_PATH}`,
      username: DEV_DVCQG_CREDENTIALS.username,
      password: 'wrong',
    });
    const err: unknown = await client.getSession().catch((e: unknown) => e);
    expect(isGatewayError(err) && { type: err.type, providerCode: err.providerCode, retryable: err.retryable }).toEqual({
      type: 'Server.Provider.Error',
      providerCode: '1',
      retryable: false,
    });
  });
});
