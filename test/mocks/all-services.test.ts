import type { AxiosInstance, AxiosResponse } from 'axios';
import { json, startHarness, type Harness } from './support/mock-harness';
import { soapBody } from './support/soap-parse';
import { edocXml, soapRequest, statusXml } from './support/wire-builders';

interface Case {
  readonly serviceId: string;
  readonly operationId: string;
  readonly server?: 'province';
  call(client: AxiosInstance): Promise<AxiosResponse>;
  check(res: AxiosResponse): Promise<void> | void;
}

const DC = 'http://dancuquocgia.bca';
const soapPost = (client: AxiosInstance, path: string, ns: string, op: string, fields: Record<string, string>) =>
  client.post(path, soapRequest(ns, op, fields), { headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${ns}/${op}"` } });
const post = (path: string, body: unknown) => (client: AxiosInstance) => client.post(path, body);
const dvcqg = (service: string, isUpdating: boolean, data: unknown[]) =>
  post('/dvcqg/1.0/dongBoHoSo', { session: 'dev-session', madonvi: '000.00.00.H06', service, isUpdating, data });
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
  { serviceId: 'csdl-dan-cu', operationId: 'xac-thuc-cong-dan',
    call: (c) => soapPost(c, '/dancuquocgia/1.0/DanCuService', DC, 'XacThucCongDan', { MaYeuCau: 'YC-1', MaDichVu: 'XT', MaCanBo: 'cb01', SoDinhDanh: '024090001234', HoVaTen: 'Nguyễn Văn An', NgayThangNamSinh: '19900512' }),
    check: soapOk('KetQuaXacThucResponse', { TonTai: 'true' }) },
  { serviceId: 'csdl-dan-cu', operationId: 'tra-cuu-nhan-than',
    call: (c) => soapPost(c, '/dancuquocgia/1.0/DanCuService', DC, 'TraCuuNhanThan', { MaYeuCau: 'YC-2', SoDinhDanh: '024090001234' }),
    check: soapOk('TraCuuNhanThanResponse', { CongDan: { HoVaTen: { Ho: 'Nguyễn', ChuDem: 'Văn', Ten: 'An' }, Cha: { SoDinhDanh: '024060000111', HoVaTen: 'Nguyễn Văn Bình' } } }) },
  { serviceId: 'csdl-dang-ky-doanh-nghiep', operationId: 'chi-tiet-doanh-nghiep', call: post('/apiCSDLDKDN/1.0/chiTietDoanhNghiep', { msdn: '2400123456' }),
    check: jsonOk({ TenDoanhNghiep: 'Công ty TNHH Nông sản Lục Ngạn', NgayThanhLap: '20150310', TinhTrang: 'Đang hoạt động' }) },
  { serviceId: 'danh-muc-dung-chung', operationId: 'lay-danh-muc', call: (c) => c.get('/dmdc/1.0/AllCategory', { params: { maDanhMuc: 'DM_DVHC' } }),
    check: (res) => {
      jsonOk({ MaDanhMuc: 'DM_DVHC' })(res);
      const list = json<{ DanhSach: Array<{ Ma: string; MaCha: string }> }>(res.data).DanhSach;
      expect(list.filter((e) => e.MaCha === '24')).toHaveLength(10);
      expect(list).toContainEqual(expect.objectContaining({ Ma: '07210', MaCha: '213' }));
    } },
  { serviceId: 'dvcqg-ho-so', operationId: 'dong-bo-ho-so',
    call: dvcqg('DongBoHoSoMC', false, [{ MaHoSo: 'H06.22-240401-0099', MaTTHC: '1.001612', TenTTHC: 'Đăng ký thành lập hộ kinh doanh', MaLinhVuc: 'G09-KD', TenLinhVuc: 'Hộ kinh doanh', ChuHoSo: 'Nguyễn Văn An', LoaiDoiTuong: 1, MaDoiTuong: '024090001234', SoDienThoai: '0912345678', Email: '', TrichYeuHoSo: 'Đăng ký hộ kinh doanh', NgayTiepNhan: '20240401080000', NgayHenTra: '20240404170000', TrangThaiHoSo: 2, NgayTra: '', HinhThuc: 2, DonViXuLy: 'UBND TP Bắc Giang', TaiLieuNop: [], DanhSachLePhi: [] }]),
    check: jsonOk({ error_code: '00', result: { MaHoSo: 'H06.22-240401-0099', TrangThaiDongBo: 'DA_DONG_BO' } }) },
  { serviceId: 'dvcqg-ho-so', operationId: 'cap-nhat-tien-do',
    call: dvcqg('CapNhatTienDoHoSoMC', true, [{ MaHoSo: 'H06.22-240315-0001', NguoiXuLy: 'Trần Văn Hùng', ChucDanh: 'Chuyên viên', ThoiDiemXuLy: '20240316090000', PhongBanXuLy: 'Phòng TC-KH', NoiDungXuLy: 'Thẩm định hồ sơ', TrangThai: 4, NgayBatDau: '20240315083000', NgayKetThucTheoQuyDinh: '20240320170000' }]),
    check: jsonOk({ error_code: '00', result: { MaHoSo: 'H06.22-240315-0001', TrangThaiDongBo: 'DA_CAP_NHAT' } }) },
  { serviceId: 'dvcqg-ho-so', operationId: 'tra-cuu-ho-so', call: dvcqg('TraCuuHoSo', false, [{ MaHoSo: 'H06.22-240315-0001' }]),
    check: jsonOk({ error_code: '00', message: 'Thành công', result: { MaHoSo: 'H06.22-240315-0001', TrangThaiHoSo: 4, NgayTiepNhan: '20240315083000' } }) },
  { serviceId: 'dvcqg-thanh-toan', operationId: 'tao-giao-dich', call: post('/thanhtoan/1.0/taoGiaoDich', { MaHoSo: 'H06.22-240315-0001', SoTien: 50000, NoiDung: 'Lệ phí', NguoiNop: 'Nguyễn Văn An', MaDonVi: '000.00.00.H06' }),
    check: jsonOk({ TrangThai: 'CHO_THANH_TOAN', MaGiaoDich: expect.stringMatching(/^GD\d{12}$/), UrlThanhToan: expect.stringMatching(/^https:/) }) },
  { serviceId: 'dvcqg-thanh-toan', operationId: 'tra-cuu-giao-dich', call: post('/thanhtoan/1.0/traCuuGiaoDich', { MaGiaoDich: 'GD240315000001' }),
    check: jsonOk({ MaHoSo: 'H06.22-240315-0001', SoTien: 50000, TrangThai: 'DA_THANH_TOAN', ThoiGianThanhToan: '20240315091500' }) },
  { serviceId: 'truc-lien-thong-van-ban', operationId: 'gui-van-ban',
    call: (c) => c.post('/edxml/1.0/sendEdoc', edocXml(), { headers: { 'Content-Type': 'application/xml', messagetype: 'edoc' } }),
    check: jsonOk({ status: 'OK', ErrorCode: '0', ErrorDesc: '', DocId: '000.00.00.H06,2024/03/15,125/UBND-KSTT' }) },
  { serviceId: 'truc-lien-thong-van-ban', operationId: 'cap-nhat-trang-thai',
    call: (c) => c.post('/edxml/1.0/sendEdoc', statusXml(), { headers: { 'Content-Type': 'application/xml', messagetype: 'status' } }),
    check: jsonOk({ status: 'OK', ErrorCode: '0', DocId: '000.00.00.G22,2024/03/11,1712/VPCP-KSTT' }) },
  { serviceId: 'truc-lien-thong-van-ban', operationId: 'nhan-van-ban', call: (c) => c.get('/edxml/1.0/getReceivedEdocList', { params: { organId: '000.00.00.H06' } }),
    check: (res) => {
      jsonOk({ status: 'OK', ErrorCode: '0' })(res);
      expect(json<{ data: unknown[] }>(res.data).data.length).toBeGreaterThanOrEqual(3);
    } },
  { serviceId: 'emc-giam-sat', operationId: 'ghi-nhan-su-kien', call: post('/TrackingMCDT/1.0/ghiNhanSuKien', { MaHoSo: 'H06.22-240315-0001', MaTTHC: '1.001612', TrangThai: 4, ThoiDiem: '20240316090000', KenhTiepNhan: 2, MaDonVi: '000.00.00.H06' }),
    check: jsonOk({ KetQua: 'OK', MaSuKien: expect.stringMatching(/^EMC\d{14}$/) }) },
  { serviceId: 'bhxh', operationId: 'tra-cuu-qua-trinh-dong',
    call: (c) => soapPost(c, '/bhxh/1.0/TraCuuService', 'http://baohiemxahoi.gov.vn/lgsp', 'TraCuuQuaTrinhDong', { MaSoBHXH: '2420123456', TuThang: '202301', DenThang: '202312' }),
    check: async (res) => {
      await soapOk('TraCuuQuaTrinhDongResponse', { KetQua: { MaSoBHXH: '2420123456', HoTen: 'Nguyễn Văn An' } })(res);
      const dong = ((await soapBody(res.data)).value.KetQua as { QuaTrinh: { Dong: unknown[] } }).QuaTrinh.Dong;
      expect(dong).toHaveLength(12);
    } },
  { serviceId: 'ho-tich', operationId: 'dang-ky-khai-sinh', call: post('/hotich/1.0/dangKyKhaiSinh', { MaHoSo: 'H06.22-240401-0100', TreEm: { HoTen: 'Nguyễn Minh Anh', NgaySinh: '20240320', GioiTinh: 'Nữ', NoiSinh: 'Bệnh viện Đa khoa tỉnh Bắc Giang' }, Me: { HoTen: 'Trần Thị Hoa', SoDinhDanh: '024195001111' }, NoiDangKy: 'UBND Xã Tân Mỹ' }),
    check: jsonOk({ MaHoSo: 'H06.22-240401-0100', TrangThai: 'DA_DANG_KY', SoDangKy: expect.stringMatching(/^KS-\d{4}-\d{6}$/) }) },
  { serviceId: 'ho-tich', operationId: 'tra-cuu', call: post('/hotich/1.0/traCuu', { SoDangKy: 'KS-2024-000123' }),
    check: jsonOk({ SoDangKy: 'KS-2024-000123', LoaiViec: 'KHAI_SINH', NgaySinh: expect.stringMatching(/^\d{8}$/) }) },
  { serviceId: 'ly-lich-tu-phap', operationId: 'gui-yeu-cau', call: post('/lltp/1.0/guiYeuCau', { MaHoSo: 'H06.22-240401-0101', SoDinhDanh: '024090001234', HoTen: 'Nguyễn Văn An', LoaiPhieu: 1, MucDich: 'Bổ sung hồ sơ xin việc' }),
    check: jsonOk({ TrangThai: 'DA_TIEP_NHAN', MaYeuCau: expect.stringMatching(/^LLTP-\d{4}-\d{6}$/) }) },
  { serviceId: 'ly-lich-tu-phap', operationId: 'tra-cuu-ket-qua', call: post('/lltp/1.0/traCuuKetQua', { MaYeuCau: 'LLTP-2024-000045' }),
    check: jsonOk({ MaYeuCau: 'LLTP-2024-000045', TrangThai: 'DA_CO_KET_QUA', CoAnTich: false }) },
  { serviceId: 'thue', operationId: 'nghia-vu-tai-chinh',
    call: (c) => soapPost(c, '/thue/1.0/ThueService', 'http://tct.gdt.gov.vn/lgsp', 'GuiNghiaVuTaiChinh', { MaHoSo: 'H06.22-240315-0001', MaSoThue: '2400123456', LoaiNghiaVu: 'LPTB', SoTien: '500000', NgayPhatSinh: '20240316090000' }),
    check: soapOk('GuiNghiaVuTaiChinhResponse', { TrangThai: 'DA_TIEP_NHAN', MaThongBao: expect.stringMatching(/^TB\d{14}$/) }) },
  { serviceId: 'thue', operationId: 'tra-cuu-thong-bao-thue',
    call: (c) => soapPost(c, '/thue/1.0/ThueService', 'http://tct.gdt.gov.vn/lgsp', 'TraCuuThongBaoThue', { MaSoThue: '2400123456' }),
    check: soapOk('TraCuuThongBaoThueResponse', { ThongBao: expect.arrayContaining([expect.objectContaining({ MaHoSo: 'H06.22-240315-0001' })]) }) },
  { serviceId: 'kho-bac', operationId: 'doi-soat-thu', call: post('/khobac/1.0/doiSoatThu', { NgayDoiSoat: '20240315', MaDonVi: '000.00.00.H06', GiaoDich: [{ MaGiaoDich: 'GD240315000001', SoTien: 50000 }, { MaGiaoDich: 'GD240315000002', SoTien: 100000 }] }),
    check: jsonOk({ SoGiaoDich: 2, TongTien: 150000, TrangThai: 'KHOP' }) },
  { serviceId: 'dat-dai', operationId: 'tra-cuu-thua-dat', call: post('/datdai/1.0/traCuuThuaDat', { MaXa: '07210', SoTo: '12', SoThua: '345' }),
    check: jsonOk({ MaXa: '07210', SoTo: '12', SoThua: '345', ChuSuDung: [{ HoTen: 'Nguyễn Văn An', LoaiDoiTuong: 'Hộ gia đình, cá nhân' }] }) },
  { serviceId: 'csdl-gia', operationId: 'gui-du-lieu-gia', call: post('/csdlgia/1.0/guiDuLieuGia', { MaDonVi: '000.00.00.H06', KyBaoCao: '2024-Q1', MatHang: [{ MaHangHoa: 'VAI-01', TenHangHoa: 'Vải thiều Lục Ngạn', DonViTinh: 'kg', Gia: 25000 }] }),
    check: jsonOk({ SoMatHang: 1, TrangThai: 'DA_TIEP_NHAN' }) },
  { serviceId: 'buu-chinh-cong-ich', operationId: 'tao-van-don', call: post('/vnpost/1.0/taoVanDon', { MaHoSo: 'H06.22-240315-0001', NguoiNhan: { HoTen: 'Nguyễn Văn An', SoDienThoai: '0912345678', DiaChi: 'Thôn Tân Phú', MaXa: '07210' }, KhoiLuong: 0.2 }),
    check: jsonOk({ TrangThai: 'DA_TAO', MaVanDon: expect.stringMatching(/^EB\d{9}VN$/) }) },
  { serviceId: 'buu-chinh-cong-ich', operationId: 'tra-cuu-van-don', call: post('/vnpost/1.0/traCuuVanDon', { MaVanDon: 'EB240315001VN' }),
    check: jsonOk({ MaVanDon: 'EB240315001VN', MaHoSo: 'H06.22-240315-0001', CapNhatLuc: expect.stringMatching(/^\d{14}$/) }) },
  { serviceId: 'bao-cao-chinh-phu', operationId: 'gui-bao-cao', call: post('/baocaochinhphu/1.0/guiBaoCao', { MaBaoCao: 'BC-CDS', KyBaoCao: '2024-Q1', MaDonVi: '000.00.00.H06', ChiTieu: [{ Ma: 'DVC_TT', Ten: 'Tỷ lệ hồ sơ trực tuyến', GiaTri: 71.3, DonVi: '%' }] }),
    check: jsonOk({ TrangThai: 'DA_TIEP_NHAN', MaTiepNhan: expect.any(String) }) },
  { serviceId: 'vneid', operationId: 'xac-thuc-tai-khoan', call: post('/vneid/1.0/xacThucTaiKhoan', { SoDinhDanh: '024090001234', SoDienThoai: '0912345678' }),
    check: jsonOk({ HopLe: true, MucDoDinhDanh: 2 }) },
  { serviceId: 'mot-cua-sang-qlvb', operationId: 'chuyen-ho-so', server: 'province', call: post('/qlvb/1.0/tiepNhanHoSo', { MaHoSo: 'H06.22-240315-0001', TenThuTuc: 'Đăng ký thành lập hộ kinh doanh', ChuHoSo: 'Nguyễn Văn An', TrichYeu: 'Chuyển hồ sơ', NgayTiepNhan: '20240315083000', DonViXuLy: 'Phòng TC-KH' }),
    check: jsonOk({ TrangThai: 'DA_TIEP_NHAN', MaVanBanDen: expect.any(String) }) },
  { serviceId: 'mot-cua-sang-bao-cao', operationId: 'gui-chi-tieu-tthc', server: 'province', call: post('/baocao/1.0/chiTieuTTHC', { KyBaoCao: '2024-Q1', MaDonVi: '000.00.00.H06', ChiTieu: [{ Ma: 'TL_TRUC_TUYEN', GiaTri: 71.3 }] }),
    check: jsonOk({ TrangThai: 'DA_TIEP_NHAN', MaTiepNhan: expect.any(String) }) },
];

describe('every mocked provider answers in its wire format', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('covers the 19 services', () => {
    expect(new Set(cases.map((c) => c.serviceId)).size).toBe(19);
  });

  it.each(cases.map((c) => [`${c.serviceId} / ${c.operationId}`, c] as const))('%s', async (_name, c) => {
    const client = c.server === 'province' ? h.province : h.ngsp;
    const res = await c.call(client);
    await c.check(res);
    const journal = await (c.server === 'province' ? h.province : h.ngspRaw).get('/__mock/journal', { params: { serviceId: c.serviceId } });
    expect(json<{ items: Array<{ operationId: string }> }>(journal.data).items.at(-1)?.operationId).toBe(c.operationId);
  });
});
