import { DEV_LGSP_PARTNER, lgspAccessTokenOf } from '../../mocks/auth/lgsp-access-token';
import { LGSP_PARTNER, lgspCredentials, NO_MATCHING_RESOURCE } from './support/credentials';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

/**
 * Judicial records (lý lịch tư pháp) as the provincial platform publishes them:
 * `POST /apiLyLichTuPhap/nhanHoSoDangKy` with declarationWSForm / residenceWSForm /
 * mandatorWSForm, `POST /apiLyLichTuPhap/LLTP-API-traTrangThaiHs`; answers `{STATUS, DESCRIPTION, …}`.
 */
let golden: GoldenStack;
let credentials: Record<string, string>;

beforeAll(async () => {
  golden = await startGoldenStack('ly-lich-tu-phap');
  credentials = await lgspCredentials(golden);
});

afterAll(async () => {
  await golden?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = credentials) =>
  golden.mock('ly-lich-tu-phap').post(path, JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ...headers } });
const json = (text: unknown): Record<string, unknown> => JSON.parse(String(text)) as Record<string, unknown>;

/** Written by hand from the guide and its appendix: a woman asks for certificate no. 2 for a job, in person at the one-stop desk. */
const GOLDEN_SUBMISSION = {
  idMinistryJustice: '000.00.16.H06',
  idReceivedDec: 'H06.22-240402-0201',
  dateReceivedDec: '02/04/2024',
  datePromissoryDec: '12/04/2024',
  idMoneyReceipt: 'BL-0001234',
  declarationWSForm: {
    fullName: 'Hoàng Thị Lan',
    genderId: 0,
    birthDateStr: '08/11/1995',
    birthPlace: 'Xã Song Khê, Thành phố Bắc Giang, Bắc Giang',
    nationalityId: 1,
    residence: 'Thôn Đông, Xã Song Khê, Thành phố Bắc Giang, Bắc Giang',
    idTypeId: 3,
    identifyNo: '024195007788',
    dadName: 'Hoàng Văn Minh',
    momName: 'Phạm Thị Thu',
    phone: '0987654321',
    email: 'hoangthilan@example.vn',
    declareDate: '02/04/2024',
    declareTypeId: 3846,
    requestQty: 1,
    objectRequestId: 72,
    formType: 2,
    isBanPosition: 0,
    purpose: 'Bổ sung hồ sơ xin việc',
    receiveNo: 'H06.22-240402-0201',
  },
  residenceWSForm: [
    { fromDateStr: '08/11/1995', toDateStr: '31/08/2013', residencePlace: 'Thôn Đông, Xã Song Khê, Thành phố Bắc Giang, Bắc Giang' },
    {
      fromDateStr: '01/09/2013',
      toDateStr: '02/04/2024',
      residencePlace: 'Phường Trần Phú, Thành phố Bắc Giang, Bắc Giang',
      jobName: 'Kế toán',
      workPlace: 'Công ty Cổ phần May Bắc Giang',
    },
  ],
};
/** The same request as the one-stop system sends it to the gateway. */
const PROVINCIAL_REQUEST = {
  maHoSo: 'H06.22-240402-0201',
  ngayTiepNhan: '2024-04-02',
  ngayHenTra: '2024-04-12',
  soBienLai: 'BL-0001234',
  soDinhDanh: '024195007788',
  hoTen: 'Hoàng Thị Lan',
  gioiTinh: 'Nữ',
  ngaySinh: '1995-11-08',
  noiSinh: 'Xã Song Khê, Thành phố Bắc Giang, Bắc Giang',
  maQuocTich: 1,
  diaChiThuongTru: 'Thôn Đông, Xã Song Khê, Thành phố Bắc Giang, Bắc Giang',
  soDienThoai: '0987654321',
  email: 'hoangthilan@example.vn',
  tenCha: 'Hoàng Văn Minh',
  tenMe: 'Phạm Thị Thu',
  loaiPhieu: 2,
  mucDich: 'Bổ sung hồ sơ xin việc',
  quaTrinhCuTru: [
    { tuNgay: '1995-11-08', denNgay: '2013-08-31', noiCuTru: 'Thôn Đông, Xã Song Khê, Thành phố Bắc Giang, Bắc Giang' },
    {
      tuNgay: '2013-09-01',
      denNgay: '2024-04-02',
      noiCuTru: 'Phường Trần Phú, Thành phố Bắc Giang, Bắc Giang',
      ngheNghiep: 'Kế toán',
      noiLamViec: 'Công ty Cổ phần May Bắc Giang',
    },
  ],
};
const GOLDEN_STATUS_QUERY = { idReceivedDec: 'H06.22-240305-0003', infoType: '2' };

describe('nhanHoSoDangKy (gui-yeu-cau)', () => {
  test("the golden declaration is accepted: STATUS 1 and the centre's id", async () => {
    const res = await post('/apiLyLichTuPhap/nhanHoSoDangKy', GOLDEN_SUBMISSION);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ STATUS: '1', DESCRIPTION: '', ID: expect.stringMatching(/^[\w-]{16,}$/) });
  });

  test('the old invented shape is refused: its path is no API, its body is STATUS 0 naming the missing forms', async () => {
    const old = { MaHoSo: 'H06.22-240402-0201', SoDinhDanh: '024195007788', HoTen: 'Hoàng Thị Lan', LoaiPhieu: 2, MucDich: 'Xin việc' };
    const oldPath = await post('/lltp/1.0/guiYeuCau', old);
    expect(oldPath.status).toBe(404);
    expect(json(oldPath.data)).toMatchObject(NO_MATCHING_RESOURCE);
    const oldBody = await post('/apiLyLichTuPhap/nhanHoSoDangKy', old);
    expect(oldBody.status).toBe(200);
    expect(json(oldBody.data)).toMatchObject({ STATUS: '0', DESCRIPTION: expect.stringContaining('declarationWSForm') });
  });

  test('dates not dd/MM/yyyy, an unknown department or a mandate without mandatorWSForm are STATUS 0', async () => {
    const isoDates = await post('/apiLyLichTuPhap/nhanHoSoDangKy', { ...GOLDEN_SUBMISSION, dateReceivedDec: '2024-04-02' });
    expect(json(isoDates.data)).toMatchObject({ STATUS: '0', DESCRIPTION: expect.stringContaining('dateReceivedDec') });
    const department = await post('/apiLyLichTuPhap/nhanHoSoDangKy', { ...GOLDEN_SUBMISSION, idMinistryJustice: '000.00.16.H99' });
    expect(json(department.data)).toMatchObject({ STATUS: '0' });
    const mandate = await post('/apiLyLichTuPhap/nhanHoSoDangKy', {
      ...GOLDEN_SUBMISSION,
      declarationWSForm: { ...GOLDEN_SUBMISSION.declarationWSForm, declareTypeId: 3845 },
    });
    expect(json(mandate.data)).toMatchObject({ STATUS: '0', DESCRIPTION: expect.stringContaining('mandatorWSForm') });
  });

  test("the gateway sends the golden declaration field for field, and maps the centre's id", async () => {
    const out = await golden.outbound('ly-lich-tu-phap', 'gui-yeu-cau', PROVINCIAL_REQUEST);
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe('/apiLyLichTuPhap/nhanHoSoDangKy');
    expect(out.request.headers['content-type']).toMatch(/^application\/json/);
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(out.request.headers['lgspaccesstoken']).toBe(LGSP_PARTNER);
    const sent = JSON.parse(out.request.body) as unknown;
    expect(jsonShape(sent)).toEqual(jsonShape(GOLDEN_SUBMISSION));
    expect(sent).toEqual(GOLDEN_SUBMISSION);
    expect(out.data).toEqual({ maYeuCau: expect.stringMatching(/^[\w-]{16,}$/), moTa: null });
  });

  test('through an authorised person the declaration is type 3845 with mandatorWSForm', async () => {
    const uyQuyen = { hoTen: 'Hoàng Văn Minh', soDinhDanh: '024068001357', quanHe: 'Cha', ngayUyQuyen: '2024-04-01' };
    const out = await golden.outbound('ly-lich-tu-phap', 'gui-yeu-cau', { ...PROVINCIAL_REQUEST, maHoSo: 'H06.22-240402-0202', uyQuyen });
    expect(out.error).toBeUndefined();
    const sent = JSON.parse(out.request.body) as Record<string, Record<string, unknown>>;
    expect(sent['declarationWSForm']).toMatchObject({ declareTypeId: 3845 });
    expect(sent['mandatorWSForm']).toEqual({
      fullName: 'Hoàng Văn Minh',
      idTypeId: 3,
      identifyNo: '024068001357',
      mandatorRelation: 'Cha',
      mandatorDate: '01/04/2024',
    });
  });
});

describe('LLTP-API-traTrangThaiHs (tra-cuu-ket-qua)', () => {
  test('the golden query of an issued certificate answers status 5 with its dates', async () => {
    const res = await post('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs', GOLDEN_STATUS_QUERY);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({
      STATUS: '1',
      DESCRIPTION: '',
      DEC_STATUS_ID: '5',
      DEC_STATUS_NAME: 'Đã có phiếu',
      APPROVE_DATE: '13/03/2024',
      ISSUE_DATE: '14/03/2024',
    });
  });

  test('an unknown receipt number is STATUS 0; the old invented lookup is no API and STATUS 0', async () => {
    const unknown = await post('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs', { idReceivedDec: 'H06.22-000000-0000', infoType: '2' });
    expect(json(unknown.data)).toMatchObject({ STATUS: '0', DESCRIPTION: expect.stringContaining('H06.22-000000-0000') });
    const oldPath = await post('/lltp/1.0/traCuuKetQua', { MaYeuCau: 'LLTP-2024-000045' });
    expect(oldPath.status).toBe(404);
    expect(json(oldPath.data)).toMatchObject(NO_MATCHING_RESOURCE);
    const oldBody = await post('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs', { MaYeuCau: 'LLTP-2024-000045' });
    expect(json(oldBody.data)).toMatchObject({ STATUS: '0' });
  });

  test('the gateway sends the golden query and maps status and dates', async () => {
    const out = await golden.outbound('ly-lich-tu-phap', 'tra-cuu-ket-qua', { maHoSo: 'H06.22-240305-0003' });
    expect(out.request.method).toBe('POST');
    expect(out.request.path).toBe('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs');
    expect(out.request.headers['lgspaccesstoken']).toBe(LGSP_PARTNER);
    expect(JSON.parse(out.request.body)).toEqual(GOLDEN_STATUS_QUERY);
    expect(out.data).toEqual({ trangThai: 5, tenTrangThai: 'Đã có phiếu', ngayPheDuyet: '2024-03-13', ngayCapPhieu: '2024-03-14' });
  });

  test("a declaration just received is status 3 without dates; an unknown one is the centre's refusal", async () => {
    await post('/apiLyLichTuPhap/nhanHoSoDangKy', { ...GOLDEN_SUBMISSION, idReceivedDec: 'H06.22-240402-0203' });
    const received = await golden.outbound('ly-lich-tu-phap', 'tra-cuu-ket-qua', { maHoSo: 'H06.22-240402-0203' });
    expect(received.data).toEqual({ trangThai: 3, tenTrangThai: 'STP đã tiếp nhận', ngayPheDuyet: null, ngayCapPhieu: null });
    const unknown = await golden.outbound('ly-lich-tu-phap', 'tra-cuu-ket-qua', { maHoSo: 'H06.22-000000-0000' });
    expect(unknown.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: '0', retryable: false });
  });
});

test('wrong credentials for the lgsp-access-token profile are refused with 401 Invalid Credentials', async () => {
  const wrongPartner = lgspAccessTokenOf({ ...DEV_LGSP_PARTNER, AccessKey: 'sai' });
  const attempts: Array<Record<string, string>> = [
    { Authorization: credentials['Authorization'] as string, lgspaccesstoken: wrongPartner },
    { lgspaccesstoken: LGSP_PARTNER },
  ];
  for (const headers of attempts) {
    const res = await post('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs', GOLDEN_STATUS_QUERY, headers);
    expect(res.status).toBe(401);
    expect(json(res.data)).toMatchObject({ fault: { code: 900901, message: 'Invalid Credentials' } });
  }
});
