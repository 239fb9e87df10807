import { createHash } from 'node:crypto';
import type { AxiosInstance, AxiosResponse } from 'axios';
import { DEV_DVCQG_CREDENTIALS, DVCQG_LOGIN_PATH } from '../../mocks/auth/dvcqg-session';
import { DEV_PAYMENT_PARTNER } from '../../mocks/data/dossiers';
import { DEV_PAYMENT_PARTNERS } from '../../mocks/services/ngsp/dvcqg-thanh-toan';
import { c06Headers, DAN_CU_NS, DAN_CU_PATH, danCuRequest } from './support/c06-headers';
import { json, startHarness, type Harness } from './support/mock-harness';
import { soapBody } from './support/soap-parse';
import { sdkHeaders, sendEdocRequest } from './support/vxp-client';
import { edocXml, soapRequest, statusXml } from './support/wire-builders';

interface Case {
  readonly serviceId: string;
  readonly operationId: string;
  readonly server?: 'province';
  call(client: AxiosInstance): Promise<AxiosResponse>;
  check(res: AxiosResponse): Promise<void> | void;
}

const soapPost = (client: AxiosInstance, path: string, ns: string, op: string, fields: Record<string, string>) =>
  client.post(path, soapRequest(ns, op, fields), { headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${ns}/${op}"` } });
const post = (path: string, body: unknown) => (client: AxiosInstance) => client.post(path, body);
/** A DVCQG envelope with a session from the portal's own login. */
const dvcqg = (service: string, fields: Record<string, unknown>) => async (client: AxiosInstance) => {
  const { session } = json<{ session: string }>((await client.post(DVCQG_LOGIN_PATH, DEV_DVCQG_CREDENTIALS)).data);
  return client.post('/dvcqg/1.0/dongBoHoSo', { session, madonvi: '000.00.00.H06', service, ...fields });
};
/** A payment-platform message signed with the development partner's secret over `signed`, in order. */
const payment = (path: string, message: Record<string, unknown>, signed: readonly string[]) =>
  post(path, {
    ...message,
    MaXacThuc: createHash('sha256')
      .update([...signed.map((f) => String(message[f])), DEV_PAYMENT_PARTNERS[DEV_PAYMENT_PARTNER]].join('|'))
      .digest('hex'),
  });
/** The population database (C06) is called directly: c06-basic headers, SOAPAction "". */
const danCuPost = (client: AxiosInstance, op: string, fields: Record<string, string>) =>
  client.post(DAN_CU_PATH, soapRequest(DAN_CU_NS, op, fields), { headers: { 'Content-Type': 'text/xml; charset=utf-8', ...c06Headers() } });
const jsonOk = (expected: Record<string, unknown>) => (res: AxiosResponse) => {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(json(res.data)).toMatchObject(expected);
};
const soapOk = (element: string, expected: Record<string, unknown>) => async (res: AxiosResponse) => {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/xml/);
  const body = await soapBody(res.data);
  expect(body.name).toBe(element);
  expect(body.value).toMatchObject(expected);
};

const cases: Case[] = [
  {
    serviceId: 'csdl-dan-cu',
    operationId: 'xac-thuc-cong-dan',
    call: (c) => danCuPost(c, 'XacThucThongTinCongDanRequest', danCuRequest()),
    check: soapOk('KetQuaXacThucResponse', { TonTai: 'true' }),
  },
  {
    serviceId: 'csdl-dan-cu',
    operationId: 'tra-cuu-nhan-than',
    call: (c) => danCuPost(c, 'TraCuuThongTinCongDan', danCuRequest('q', { MaTichHop: '037' })),
    check: soapOk('CongdanCollection', {
      CongDan: {
        HoVaTen: { Ho: 'Nguyễn', ChuDem: 'Văn', Ten: 'An' },
        NgayThangNamSinh: { NgayThangNam: '19900512' },
        QueQuan: { MaTinhThanh: '24', MaQuanHuyen: '213', MaPhuongXa: '07210' },
        Cha: { SoDinhDanh: '024060000111', HoVaTen: 'Nguyễn Văn Bình' },
      },
    }),
  },
  {
    serviceId: 'csdl-dang-ky-doanh-nghiep',
    operationId: 'chi-tiet-doanh-nghiep',
    call: (c) => c.get('/apiCSDLDKDN/1.0/chiTietDoanhNghiep', { params: { msdn: '2400123456' } }),
    check: jsonOk({
      MainInformation: { NAME: 'Công ty TNHH Nông sản Lục Ngạn', FOUNDING_DATE: '10/03/2015', ENTERPRISE_STATUS_NAME: 'Đang hoạt động' },
      Status: '1',
    }),
  },
  {
    serviceId: 'danh-muc-dung-chung',
    operationId: 'lay-danh-muc',
    call: (c) => c.get('/dmdc/Category/donvihanhchinhcap2'),
    check: (res) => {
      expect(res.status).toBe(200);
      const list = json<Array<{ MaHuyen: string; MaTinh: string }>>(res.data);
      expect(list.filter((e) => e.MaTinh === '24')).toHaveLength(10);
      expect(list).toContainEqual(expect.objectContaining({ MaHuyen: '213', TenHuyen: 'Thành phố Bắc Giang' }));
    },
  },
  {
    serviceId: 'danh-muc-dung-chung',
    operationId: 'lay-thong-tin-danh-muc',
    call: (c) => c.get('/dmdc/Metadata/donvihanhchinhcap3'),
    check: (res) => {
      expect(res.status).toBe(200);
      expect(
        json<Array<{ PropertyCode: string }>>(res.data)
          .map((p) => p.PropertyCode)
          .slice(0, 3),
      ).toEqual(['MaXa', 'TenXa', 'CapHanhChinh']);
    },
  },
  {
    serviceId: 'dvcqg-ho-so',
    operationId: 'dong-bo-ho-so',
    call: dvcqg('DongBoHoSoMC', {
      isUpdating: 'False',
      data: [
        {
          MaHoSo: 'H06.22-240401-0099',
          MaTTHC: '1.001612',
          TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
          MaLinhVuc: 'G09-KD',
          TenLinhVuc: 'Hộ kinh doanh',
          KenhThucHien: '2',
          ChuHoSo: 'Nguyễn Văn An',
          LoaiDoiTuong: '1',
          MaDoiTuong: '024090001234',
          ThongTinKhac: '',
          Email: '',
          Fax: '',
          SoDienThoai: '0912345678',
          TrichYeuHoSo: 'Đăng ký hộ kinh doanh',
          NgayTiepNhan: '20240401080000',
          NgayHenTra: '20240404170000',
          TrangThaiHoSo: '2',
          NgayTra: '',
          ThongTinTra: '',
          HinhThuc: '0',
          NgayKetThucXuLy: '',
          DonViXuLy: 'UBND TP Bắc Giang',
          GhiChu: '',
          TaiLieuNop: [],
          DanhSachLePhi: [],
          DanhSachTepDinhKemKhac: [],
          DanhSachHoSoBoSung: [],
          DanhSachGiayToKetQua: [],
        },
      ],
    }),
    check: jsonOk({ error_code: '00', result: [{ MaHoSo: 'H06.22-240401-0099', TrangThaiDongBo: 'DA_DONG_BO' }] }),
  },
  {
    serviceId: 'dvcqg-ho-so',
    operationId: 'cap-nhat-tien-do',
    call: dvcqg('CapNhatTienDoHoSoMC', {
      data: [
        {
          MaHoSo: 'H06.22-240315-0001',
          NguoiXuLy: 'Trần Văn Hùng',
          ChucDanh: 'Chuyên viên',
          ThoiDiemXuLy: '20240316090000',
          PhongBanXuLy: 'Phòng TC-KH',
          NoiDungXuLy: 'Thẩm định hồ sơ',
          TrangThai: '4',
          NgayBatDau: '20240315083000',
          NgayKetThucTheoQuyDinh: '20240320170000',
        },
      ],
    }),
    check: jsonOk({ error_code: '00', result: [{ MaHoSo: 'H06.22-240315-0001', TrangThaiDongBo: 'DA_CAP_NHAT' }] }),
  },
  {
    serviceId: 'dvcqg-ho-so',
    operationId: 'tra-cuu-ho-so',
    call: dvcqg('TraCuuHoSo', { mahoso: 'H06.22-240315-0001' }),
    check: jsonOk({
      error_code: '00',
      message: 'Thành công',
      result: [{ MaHoSo: 'H06.22-240315-0001', TrangThaiHoSo: '4', NgayTiepNhan: '20240315083000' }],
    }),
  },
  {
    serviceId: 'dvcqg-ho-so',
    operationId: 'lay-thu-tuc',
    call: dvcqg('LayThuTuc', { maTTHC: '1.001612' }),
    check: jsonOk({ error_code: '00', result: [{ MATTHC: '1.001612', LINHVUCTHUCHIEN: [{ MALINHVUC: 'G09-KD' }] }] }),
  },
  {
    serviceId: 'dvcqg-thanh-toan',
    operationId: 'tao-giao-dich',
    call: payment(
      '/thanhtoan/1.0/init',
      {
        LoaiBanTin: 'INIT',
        PhienBan: '1.0.6',
        MaDoiTac: DEV_PAYMENT_PARTNER,
        MaThamChieu: 'H0622240315000120240401090000',
        SoTien: '50000',
        LoaiHinhThanhToan: 'PAY',
        MaKenhThanhToan: '1',
        MaThietBi: '1',
        NgonNgu: 'vi-VN',
        MaTienTe: 'VND',
        MaNganHang: 'PAYMENT',
        ThongTinGiaoDich: 'Lệ phí',
        ThoiGianGD: '20240401090000',
        Ip: '10.0.0.1',
        ThongTinBienLai: {
          MaDichVu: '2',
          MaHoSo: 'H06.22-240315-0001',
          MaDonVi: '000.00.00.H06',
          HoTenNguoiNop: 'Nguyễn Văn An',
          PhiLePhi: [{ LoaiPhiLePhi: 'Phi', MaPhiLePhi: '', TenPhiLePhi: 'Lệ phí', SoTien: '50000' }],
          DSKhoanNop: [{ NoiDung: 'Lệ phí', SoTien: '50000' }],
        },
      },
      [
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
      ],
    ),
    check: (res) => {
      jsonOk({ error_code: '0', message: expect.any(String) })(res);
      expect(JSON.parse(json<{ message: string }>(res.data).message)).toMatchObject({
        MaThamChieu: 'H0622240315000120240401090000',
        UrlThanhToan: expect.stringMatching(/^https:/),
      });
    },
  },
  {
    serviceId: 'dvcqg-thanh-toan',
    operationId: 'tra-cuu-giao-dich',
    call: payment(
      '/thanhtoan/1.0/query',
      {
        LoaiBanTin: 'QUERY',
        PhienBan: '1.0.6',
        MaDoiTac: DEV_PAYMENT_PARTNER,
        MaThamChieu: 'H0622240315000120240315090000',
        ThoiGianGD: '20240315090000',
      },
      ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
    ),
    check: jsonOk({
      MaLoi: '00',
      MaGiaoDich: 'GD240315000001',
      SoTien: 50000,
      TrangThaiGD: '1',
      MaXacThuc: expect.stringMatching(/^[0-9a-f]{64}$/),
    }),
  },
  {
    serviceId: 'dvcqg-thanh-toan',
    operationId: 'lay-bien-lai',
    call: payment(
      '/thanhtoan/1.0/getbill',
      {
        LoaiBanTin: 'GET_BILL',
        PhienBan: '1.0.6',
        MaDoiTac: DEV_PAYMENT_PARTNER,
        MaThamChieu: 'H0622240315000120240315090000',
        ThoiGianGD: '20240315090000',
      },
      ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
    ),
    check: (res) => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(String(res.data)).toMatch(/^%PDF-1\.4\n[\s\S]*\(Ma tham chieu: H0622240315000120240315090000\) Tj[\s\S]*%%EOF\n$/);
    },
  },
  {
    serviceId: 'truc-lien-thong-van-ban',
    operationId: 'gui-van-ban',
    call: (c) => {
      const req = sendEdocRequest(edocXml(), { from: '000.00.00.H06', messagetype: 'edoc' });
      return c.post('/edxml/1.0/sendEdoc', req.body, { headers: req.headers });
    },
    check: jsonOk({
      status: 'OK',
      ErrorCode: '0',
      ErrorDesc: '',
      DocId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    }),
  },
  {
    serviceId: 'truc-lien-thong-van-ban',
    operationId: 'cap-nhat-trang-thai',
    call: (c) => {
      const req = sendEdocRequest(statusXml(), { from: '000.00.00.H06', messagetype: 'status' });
      return c.post('/edxml/1.0/sendEdoc', req.body, { headers: req.headers });
    },
    check: jsonOk({ status: 'OK', ErrorCode: '0', DocId: expect.any(String) }),
  },
  {
    serviceId: 'truc-lien-thong-van-ban',
    operationId: 'nhan-van-ban',
    call: (c) =>
      c.post('/edxml/1.0/getReceivedEdocList', undefined, {
        headers: sdkHeaders({ 'Content-Type': 'application/json', servicetype: 'eDoc', messagetype: 'edoc' }),
      }),
    check: (res) => {
      jsonOk({ status: 'OK', ErrorCode: '0' })(res);
      const data = json<{ data: Array<Record<string, unknown>> }>(res.data).data;
      expect(data.length).toBeGreaterThanOrEqual(3);
      expect(data[0]).toEqual({
        docId: expect.any(String),
        serviceType: 'eDoc',
        messageType: 'edoc',
        created_time: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/),
        updated_time: expect.any(String),
        from: expect.any(String),
        to: expect.any(String),
        status: 'initial',
        status_desc: expect.any(String),
      });
    },
  },
  {
    serviceId: 'truc-lien-thong-van-ban',
    operationId: 'xac-nhan-van-ban',
    call: (c) =>
      c.post('/edxml/1.0/updateStatus', undefined, {
        headers: sdkHeaders({ 'Content-Type': 'application/json', docId: '21c6e675-0eb8-5aca-a405-d1fabc8c6cfe', status: 'done' }),
      }),
    check: jsonOk({ status: 'OK', ErrorCode: '0', ErrorDesc: '' }),
  },
  {
    serviceId: 'emc-giam-sat',
    operationId: 'ghi-nhan-su-kien',
    call: post('/TrackingMCDT', {
      CodeProfile: 'H06.22-240315-0001',
      SiteId: 24,
      CodeTTHC: '1.001612',
      NameTTHC: 'Đăng ký thành lập hộ kinh doanh',
      MaHoSo: 'H06.22-240315-0001',
      Status: '2',
      FormsReception: '1',
      FormsPayments: '1',
      Level: '4',
      IsFromDVCQG: '0',
      IsDVCBC: '0',
      Data: null,
      User: JSON.stringify({ ID_local: '024090001234', ID_QG: '024090001234', TYPE: '2', LOCATION: '24' }),
    }),
    check: jsonOk({ KetQua: 'OK', MaSuKien: expect.stringMatching(/^EMC\d{14}$/) }),
  },
  {
    serviceId: 'bhxh',
    operationId: 'tra-cuu-thong-tin',
    call: post('/apiBHXH/getTraCuuTtHgdByMaSoBhxh', { maSoBhxh: '2420123456' }),
    check: jsonOk({
      hoTen: 'Nguyễn Văn An',
      ngaySinh: '19900512',
      loaiNgaySinh: '0',
      gioiTinh: '1',
      maTinhKs: '24',
      maXaKs: '07210',
      trangThai: '1',
    }),
  },
  {
    serviceId: 'bhxh',
    operationId: 'tra-cuu-ma-so',
    call: post('/apiBHXH/getMaSoBhxhTheoTieuChi', {
      hoTen: 'Nguyễn Văn An',
      ngaySinh: '19900512',
      loaiNgaySinh: '0',
      gioiTinh: '1',
      maTinhKs: '24',
      maHuyenKs: '',
      maXaKs: '',
      isKs: '1',
    }),
    check: jsonOk({ maSoBhxh: '2420123456', trangThai: '1', errorCode: '0' }),
  },
  {
    serviceId: 'bhxh',
    operationId: 'tra-cuu-qua-trinh-dong',
    call: post('/apiBHXH/traCuuQuaTrinhDong', { maSoBhxh: '2420123456', tuThang: '202301', denThang: '202312' }),
    check: (res) => {
      jsonOk({ maSoBhxh: '2420123456', hoTen: 'Nguyễn Văn An' })(res);
      expect(json<{ quaTrinh: unknown[] }>(res.data).quaTrinh).toHaveLength(12);
    },
  },
  {
    serviceId: 'ho-tich',
    operationId: 'dang-ky-khai-sinh',
    call: post('/apiHoTichTuPhap/dangKyHoTich', {
      maDonVi: 7210,
      module: 'KS',
      maHoSo: 'H06.22-240401-0100',
      ngayTiepNhan: '2024-04-01',
      data: '<hotich><hoso><loaiDangKy>1</loaiDangKy><noiDangKy>7210</noiDangKy><nksHoTen>Nguyễn Minh Anh</nksHoTen><nksGioiTinh>2</nksGioiTinh><nksNgaySinh>20/03/2024</nksNgaySinh><nksNoiSinh>Bệnh viện Đa khoa tỉnh Bắc Giang</nksNoiSinh><nksLoaiKhaiSinh>3</nksLoaiKhaiSinh><meHoTen>Trần Thị Hoa</meHoTen><meLoaiGiayToTuyThan>4</meLoaiGiayToTuyThan><meSoGiayToTuyThan>024195001111</meSoGiayToTuyThan></hoso></hotich>',
    }),
    check: jsonOk({ status: 1 }),
  },
  {
    serviceId: 'ho-tich',
    operationId: 'tra-cuu',
    call: post('/apiHoTichTuPhap/traTrangThaiHoSo', { maDonVi: 7210, maHoSo: 'H06.22-240301-0012' }),
    check: jsonOk({ status: 4 }),
  },
  {
    serviceId: 'ly-lich-tu-phap',
    operationId: 'gui-yeu-cau',
    call: post('/apiLyLichTuPhap/nhanHoSoDangKy', {
      idMinistryJustice: '000.00.16.H06',
      idReceivedDec: 'H06.22-240401-0101',
      dateReceivedDec: '01/04/2024',
      datePromissoryDec: '11/04/2024',
      declarationWSForm: {
        fullName: 'Nguyễn Văn An',
        genderId: 1,
        birthDateStr: '12/05/1990',
        nationalityId: 1,
        idTypeId: 3,
        identifyNo: '024090001234',
        phone: '0912345678',
        declareDate: '01/04/2024',
        declareTypeId: 3846,
        requestQty: 1,
        objectRequestId: 72,
        formType: 1,
        purpose: 'Bổ sung hồ sơ xin việc',
        receiveNo: 'H06.22-240401-0101',
      },
      residenceWSForm: [
        { fromDateStr: '12/05/1990', toDateStr: '01/04/2024', residencePlace: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang' },
      ],
    }),
    check: jsonOk({ STATUS: '1', ID: expect.stringMatching(/^[\w-]{16,}$/) }),
  },
  {
    serviceId: 'ly-lich-tu-phap',
    operationId: 'tra-cuu-ket-qua',
    call: post('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs', { idReceivedDec: 'H06.22-240305-0003', infoType: '2' }),
    check: jsonOk({ STATUS: '1', DEC_STATUS_ID: '5', DEC_STATUS_NAME: 'Đã có phiếu', ISSUE_DATE: '14/03/2024' }),
  },
  {
    serviceId: 'thue',
    operationId: 'nghia-vu-tai-chinh',
    call: (c) =>
      soapPost(c, '/thue/1.0/ThueService', 'http://tct.gdt.gov.vn/lgsp', 'GuiNghiaVuTaiChinh', {
        MaHoSo: 'H06.22-240315-0001',
        MaSoThue: '2400123456',
        LoaiNghiaVu: 'LPTB',
        SoTien: '500000',
        NgayPhatSinh: '20240316090000',
      }),
    check: soapOk('GuiNghiaVuTaiChinhResponse', { TrangThai: 'DA_TIEP_NHAN', MaThongBao: expect.stringMatching(/^TB\d{14}$/) }),
  },
  {
    serviceId: 'thue',
    operationId: 'tra-cuu-thong-bao-thue',
    call: (c) => soapPost(c, '/thue/1.0/ThueService', 'http://tct.gdt.gov.vn/lgsp', 'TraCuuThongBaoThue', { MaSoThue: '2400123456' }),
    check: soapOk('TraCuuThongBaoThueResponse', {
      ThongBao: expect.arrayContaining([expect.objectContaining({ MaHoSo: 'H06.22-240315-0001' })]),
    }),
  },
  {
    serviceId: 'kho-bac',
    operationId: 'doi-soat-thu',
    call: post('/khobac/1.0/doiSoatThu', {
      NgayDoiSoat: '20240315',
      MaDonVi: '000.00.00.H06',
      GiaoDich: [
        { MaGiaoDich: 'GD240315000001', SoTien: 50000 },
        { MaGiaoDich: 'GD240315000002', SoTien: 100000 },
      ],
    }),
    check: jsonOk({ SoGiaoDich: 2, TongTien: 150000, TrangThai: 'KHOP' }),
  },
  {
    serviceId: 'dat-dai',
    operationId: 'tra-cuu-thua-dat',
    call: post('/datdai/1.0/traCuuThuaDat', { MaXa: '07210', SoTo: '12', SoThua: '345' }),
    check: jsonOk({
      MaXa: '07210',
      SoTo: '12',
      SoThua: '345',
      ChuSuDung: [{ HoTen: 'Nguyễn Văn An', LoaiDoiTuong: 'Hộ gia đình, cá nhân' }],
    }),
  },
  {
    serviceId: 'csdl-gia',
    operationId: 'gui-du-lieu-gia',
    call: (c) =>
      c.post(
        '/csdlgia/1.0/guiDuLieuGia',
        {
          data: [
            {
              DIA_BAN: '24',
              NGUON_SO_LIEU: '2',
              DONVI_TTSL: '2',
              DINH_KY: 24,
              THOI_GIAN_BC_1: 1,
              THOI_GIAN_BC_2: 1,
              THOI_GIAN_BC_NAM: 2024,
              NGUOI_TAO: 'Sở Tài chính',
              DS_HHDV_TT: [{ LOAI_GIA: 5, MA_HHDV: 'VAI-01', DON_VI_TINH: 'kg', GIA_KY_NAY: 25000, NGUON_THONG_TIN: 1 }],
            },
          ],
        },
        { headers: { SENDER_CODE: '000.00.00.H06', TRAN_CODE: 'T-1', RECEIVER_CODE: 'CSDLGIA' } },
      ),
    check: jsonOk({ error_code: '0', result: expect.stringMatching(/^GIA\d{14}$/) }),
  },
  {
    serviceId: 'buu-chinh-cong-ich',
    operationId: 'tao-van-don',
    call: post('/vnpost/1.0/taoVanDon', {
      MaHoSo: 'H06.22-240315-0001',
      NguoiNhan: { HoTen: 'Nguyễn Văn An', SoDienThoai: '0912345678', DiaChi: 'Thôn Tân Phú', MaXa: '07210' },
      KhoiLuong: 0.2,
    }),
    check: jsonOk({ TrangThai: 'DA_TAO', MaVanDon: expect.stringMatching(/^EB\d{9}VN$/) }),
  },
  {
    serviceId: 'buu-chinh-cong-ich',
    operationId: 'tra-cuu-van-don',
    call: post('/vnpost/1.0/traCuuVanDon', { MaVanDon: 'EB240315001VN' }),
    check: jsonOk({ MaVanDon: 'EB240315001VN', MaHoSo: 'H06.22-240315-0001', CapNhatLuc: expect.stringMatching(/^\d{14}$/) }),
  },
  {
    serviceId: 'bao-cao-chinh-phu',
    operationId: 'gui-bao-cao',
    call: post('/baocaochinhphu/1.0/guiBaoCao', {
      MaBaoCao: 'BC-CDS',
      KyBaoCao: '2024-Q1',
      MaDonVi: '000.00.00.H06',
      ChiTieu: [{ Ma: 'DVC_TT', Ten: 'Tỷ lệ hồ sơ trực tuyến', GiaTri: 71.3, DonVi: '%' }],
    }),
    check: jsonOk({ TrangThai: 'DA_TIEP_NHAN', MaTiepNhan: expect.any(String) }),
  },
  {
    serviceId: 'vneid',
    operationId: 'xac-thuc-tai-khoan',
    call: post('/vneid/1.0/xacThucTaiKhoan', { SoDinhDanh: '024090001234', SoDienThoai: '0912345678' }),
    check: jsonOk({ HopLe: true, MucDoDinhDanh: 2 }),
  },
  {
    serviceId: 'mot-cua-sang-qlvb',
    operationId: 'chuyen-ho-so',
    server: 'province',
    call: post('/qlvb/1.0/tiepNhanHoSo', {
      MaHoSo: 'H06.22-240315-0001',
      TenThuTuc: 'Đăng ký thành lập hộ kinh doanh',
      ChuHoSo: 'Nguyễn Văn An',
      TrichYeu: 'Chuyển hồ sơ',
      NgayTiepNhan: '20240315083000',
      DonViXuLy: 'Phòng TC-KH',
    }),
    check: jsonOk({ TrangThai: 'DA_TIEP_NHAN', MaVanBanDen: expect.any(String) }),
  },
  {
    serviceId: 'mot-cua-sang-bao-cao',
    operationId: 'gui-chi-tieu-tthc',
    server: 'province',
    call: post('/baocao/1.0/chiTieuTTHC', {
      KyBaoCao: '2024-Q1',
      MaDonVi: '000.00.00.H06',
      ChiTieu: [{ Ma: 'TL_TRUC_TUYEN', GiaTri: 71.3 }],
    }),
    check: jsonOk({ TrangThai: 'DA_TIEP_NHAN', MaTiepNhan: expect.any(String) }),
  },
];

describe('every mocked provider answers in its wire format', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('covers every service and operation both mock servers register', async () => {
    const served: string[] = [];
    for (const client of [h.ngspRaw, h.province]) {
      const { services } = json<{ services: Array<{ id: string; endpoints: Array<{ operationId: string }> }> }>(
        (await client.get('/__mock/services')).data,
      );
      for (const s of services) for (const e of s.endpoints) served.push(`${s.id}/${e.operationId}`);
    }
    expect([...new Set(cases.map((c) => `${c.serviceId}/${c.operationId}`))].sort()).toEqual([...new Set(served)].sort());
  });

  it.each(cases.map((c) => [`${c.serviceId} / ${c.operationId}`, c] as const))('%s', async (_name, c) => {
    const client = c.server === 'province' ? h.province : h.ngsp;
    const res = await c.call(client);
    await c.check(res);
    const journal = await (c.server === 'province' ? h.province : h.ngspRaw).get('/__mock/journal', { params: { serviceId: c.serviceId } });
    expect(json<{ items: Array<{ operationId: string }> }>(journal.data).items.at(-1)?.operationId).toBe(c.operationId);
  });
});
