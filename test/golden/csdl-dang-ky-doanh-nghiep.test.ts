import { fetchToken } from '../mocks/support/mock-harness';
import { NO_MATCHING_RESOURCE } from './support/credentials';
import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape } from './support/shape';

/**
 * National business registration database behind NGSP (WSO2): `GET /apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=`
 * answering `{MainInformation, HOAdress, BusinessActivity, Representatives, Member, DataCount, Status, Message}`.
 */
let golden: GoldenStack;
let bearer: string;

const PATH = '/apiCSDLDKDN/1.0/chiTietDoanhNghiep';
const GOLDEN_QUERY = `${PATH}?msdn=2400123456`;

/** Written by hand from the guide's field list: what an answer for one company holds, with values of each field's type. */
const GOLDEN_ANSWER = {
  MainInformation: {
    ENTERPRISE_ID: 123456,
    ENTERPRISE_GDT_CODE: '0100109106',
    IMP_BUSINESS_CODE: '0103000123',
    ENTERPRISE_TYPE_ID: '2',
    ENTERPRISE_TYPE_NAME: 'Công ty trách nhiệm hữu hạn hai thành viên trở lên',
    NAME: 'CÔNG TY TNHH MẪU',
    SHORT_NAME: 'MAU CO., LTD',
    NAME_F: 'MAU COMPANY LIMITED',
    FOUNDING_DATE: '01/02/2010',
    LAST_AMEND_DATE: '15/06/2020',
    NUMBER_CHANGES: 3,
    ENTERPRISE_STATUS: '1',
    ENTERPRISE_STATUS_NAME: 'Đang hoạt động',
    LEGAL_NAMES: 'Nguyễn Văn A',
    CAPITAL_AMOUNT: 5000000000,
  },
  HOAdress: {
    CityID: 1,
    CityName: 'Thành phố Hà Nội',
    DistrictID: 5,
    DistrictName: 'Quận Cầu Giấy',
    WardID: 160,
    WardName: 'Phường Dịch Vọng',
    StreetNumber: 'Số 1',
    AddressFullText: 'Số 1, Phường Dịch Vọng, Quận Cầu Giấy, Thành phố Hà Nội',
  },
  BusinessActivity: [{ CODE: '6201', NAME: 'Lập trình máy vi tính', IS_MAIN: 'Y' }],
  Representatives: { FULL_NAME: 'Nguyễn Văn A' },
  Member: [{ MEMBER_NAME: 'Nguyễn Văn A', AMOUNT: 3000000000, RATIO_PERCENT: 60, COUNTRY: 'Việt Nam' }],
  DataCount: 1,
  Status: '1',
  Message: 'success',
};

beforeAll(async () => {
  golden = await startGoldenStack('csdl-dang-ky-doanh-nghiep');
  bearer = `Bearer ${await fetchToken(golden.mocks.ngspUrl)}`;
});

afterAll(async () => {
  await golden?.close();
});

const get = (url: string, headers: Record<string, string> = { Authorization: bearer }) =>
  golden.mock('csdl-dang-ky-doanh-nghiep').get(url, { headers: { Accept: 'application/json', ...headers } });
const json = (text: unknown): Record<string, unknown> => JSON.parse(String(text)) as Record<string, unknown>;

describe('chiTietDoanhNghiep (chi-tiet-doanh-nghiep)', () => {
  test("the golden GET is answered with the registry's record, shaped as the guide lists it", async () => {
    const res = await get(GOLDEN_QUERY);
    expect(res.status).toBe(200);
    const answer = json(res.data);
    expect(jsonShape(answer)).toEqual(jsonShape(GOLDEN_ANSWER));
    expect(answer).toMatchObject({
      MainInformation: {
        ENTERPRISE_GDT_CODE: '2400123456',
        NAME: 'Công ty TNHH Nông sản Lục Ngạn',
        FOUNDING_DATE: '10/03/2015',
        ENTERPRISE_STATUS_NAME: 'Đang hoạt động',
        LEGAL_NAMES: 'Nguyễn Văn An',
      },
      HOAdress: {
        CityID: 24,
        DistrictID: 219,
        WardName: 'Thị trấn Chũ',
        AddressFullText: 'Số 68, Thị trấn Chũ, Huyện Lục Ngạn, Bắc Giang',
      },
      BusinessActivity: [
        { CODE: '0121', IS_MAIN: 'Y' },
        { CODE: '4632', IS_MAIN: 'N' },
      ],
      Representatives: { FULL_NAME: 'Nguyễn Văn An' },
      Status: '1',
    });
  });

  test('an unknown msdn is Status "0" with the reason, not an HTTP error', async () => {
    const res = await get(`${PATH}?msdn=2499999999`);
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ DataCount: 0, Status: '0', Message: expect.stringContaining('2499999999') });
  });

  test('the old invented shape is refused: WSO2 has no POST resource there', async () => {
    const res = await golden
      .mock('csdl-dang-ky-doanh-nghiep')
      .post(PATH, JSON.stringify({ msdn: '2400123456' }), { headers: { Authorization: bearer, 'Content-Type': 'application/json' } });
    expect(res.status).toBe(404);
    expect(json(res.data)).toEqual(NO_MATCHING_RESOURCE);
  });

  test("wrong credentials get WSO2's 900901 Invalid Credentials", async () => {
    const attempts: Array<Record<string, string>> = [{}, { Authorization: 'Bearer not-a-token' }, { Authorization: 'Basic bGdzcDp4' }];
    for (const headers of attempts) {
      const res = await get(GOLDEN_QUERY, headers);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(json(res.data)).toMatchObject({ fault: { code: 900901, message: 'Invalid Credentials' } });
    }
  });

  test('the gateway sends the golden request and maps the answer', async () => {
    const out = await golden.outbound('csdl-dang-ky-doanh-nghiep', 'chi-tiet-doanh-nghiep', { maSoDoanhNghiep: '2400123456' });
    expect(out.error).toBeUndefined();
    expect(out.request.method).toBe('GET');
    expect(out.request.path).toBe(GOLDEN_QUERY);
    expect(out.request.body).toBe('');
    expect(out.request.headers['authorization']).toMatch(/^Bearer \S+$/);
    expect(out.request.headers['accept']).toBe('application/json');
    expect(out.request.headers['content-type']).toBeUndefined();
    expect(out.data).toMatchObject({
      maSoDoanhNghiep: '2400123456',
      tenDoanhNghiep: 'Công ty TNHH Nông sản Lục Ngạn',
      tenTiengAnh: 'Luc Ngan Agricultural Products Company Limited',
      tenVietTat: 'LUC NGAN AGRICULTURAL PRODUCTS CO., LTD',
      diaChi: 'Số 68, Thị trấn Chũ, Huyện Lục Ngạn, Bắc Giang',
      diaChiTruSo: { maTinh: '24', maHuyen: '219', maXa: expect.stringMatching(/^0\d{4}$/), tenXa: 'Thị trấn Chũ', soNha: 'Số 68' },
      nguoiDaiDien: 'Nguyễn Văn An',
      nguoiDaiDienPhapLuat: ['Nguyễn Văn An'],
      ngayThanhLap: '2015-03-10',
      tinhTrang: 'Đang hoạt động',
      maTinhTrang: '1',
      vonDieuLe: expect.any(Number),
      nganhNghe: [
        { ma: '0121', ten: 'Trồng cây ăn quả', laNganhChinh: true },
        { ma: '4632', ten: 'Bán buôn thực phẩm', laNganhChinh: false },
      ],
      thanhVienGopVon: expect.arrayContaining([expect.objectContaining({ ten: 'Nguyễn Văn An', quocGia: 'Việt Nam' })]),
    });
  });

  test("through the gateway an unknown msdn is the registry's refusal, kept with its status and not retried", async () => {
    const out = await golden.outbound('csdl-dang-ky-doanh-nghiep', 'chi-tiet-doanh-nghiep', { maSoDoanhNghiep: '2499999999' });
    expect(out.request.path).toBe(`${PATH}?msdn=2499999999`);
    expect(out.error).toMatchObject({ type: 'Server.Provider.Error', providerCode: 'Status-0', retryable: false });
  });
});
