import { json, startHarness, type Harness } from './support/mock-harness';
import { soapBody } from './support/soap-parse';
import { soapRequest } from './support/wire-builders';

/** What an async operation delivers, a later lookup finds. */
describe('records created by async operations', () => {
  let h: Harness;
  const dvcqg = (service: string, isUpdating: boolean, data: unknown[]) =>
    h.ngsp.post('/dvcqg/1.0/dongBoHoSo', { session: 's', madonvi: '000.00.00.H06', service, isUpdating, data });

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a synced dossier is found by TraCuuHoSo, and its progress update changes its state', async () => {
    const item = {
      MaHoSo: 'H06.22-240402-0007', MaTTHC: '1.001193', TenTTHC: 'Thủ tục đăng ký khai sinh', MaLinhVuc: 'G09-HT', TenLinhVuc: 'Hộ tịch',
      ChuHoSo: 'Lê Thị Mai', LoaiDoiTuong: 1, MaDoiTuong: '024190004321', SoDienThoai: '0987654321', Email: 'mai@example.vn',
      TrichYeuHoSo: 'Đăng ký khai sinh cho con', NgayTiepNhan: '20240402080000', NgayHenTra: '20240403170000', TrangThaiHoSo: 1,
      NgayTra: null, HinhThuc: 2, DonViXuLy: 'UBND Xã Tân Mỹ', TaiLieuNop: [], DanhSachLePhi: [],
    };
    expect(json((await dvcqg('DongBoHoSoMC', false, [item])).data)).toMatchObject({ error_code: '00' });
    expect(json((await dvcqg('TraCuuHoSo', false, [{ MaHoSo: item.MaHoSo }])).data)).toMatchObject({ result: { ...item } });
    await dvcqg('CapNhatTienDoHoSoMC', true, [{ MaHoSo: item.MaHoSo, NguoiXuLy: 'Hà Văn Long', ThoiDiemXuLy: '20240403090000', NoiDungXuLy: 'Đã trả kết quả', TrangThai: 10 }]);
    expect(json((await dvcqg('TraCuuHoSo', false, [{ MaHoSo: item.MaHoSo }])).data)).toMatchObject({ result: { TrangThaiHoSo: 10, ChuHoSo: 'Lê Thị Mai' } });
  });

  it('a progress update for an unknown dossier is error_code 04', async () => {
    const res = await dvcqg('CapNhatTienDoHoSoMC', true, [{ MaHoSo: 'H06.00-000000-0000', NguoiXuLy: 'A', ThoiDiemXuLy: '20240403090000', NoiDungXuLy: 'x', TrangThai: 4 }]);
    expect(json(res.data)).toMatchObject({ error_code: '04', result: null });
  });

  it('a registered birth is found by traCuu; a created payment and waybill by their lookups', async () => {
    const birth = json<{ SoDangKy: string }>((await h.ngsp.post('/hotich/1.0/dangKyKhaiSinh', {
      MaHoSo: 'H06.22-240402-0008', TreEm: { HoTen: 'Nguyễn Bảo Ngọc', NgaySinh: '20240325', GioiTinh: 'Nữ', NoiSinh: 'Bắc Giang' },
      Me: { HoTen: 'Lê Thị Mai', SoDinhDanh: '024190004321' }, NoiDangKy: 'UBND Xã Tân Mỹ',
    })).data);
    expect(json((await h.ngsp.post('/hotich/1.0/traCuu', { SoDangKy: birth.SoDangKy })).data)).toMatchObject({ HoTen: 'Nguyễn Bảo Ngọc', NgaySinh: '20240325' });

    const payment = json<{ MaGiaoDich: string }>((await h.ngsp.post('/thanhtoan/1.0/taoGiaoDich', {
      MaHoSo: 'H06.22-240402-0008', SoTien: 8000, NoiDung: 'Lệ phí', NguoiNop: 'Lê Thị Mai', MaDonVi: '000.00.00.H06',
    })).data);
    expect(json((await h.ngsp.post('/thanhtoan/1.0/traCuuGiaoDich', payment)).data)).toMatchObject({ TrangThai: 'CHO_THANH_TOAN', ThoiGianThanhToan: null });

    const waybill = json<{ MaVanDon: string }>((await h.ngsp.post('/vnpost/1.0/taoVanDon', {
      MaHoSo: 'H06.22-240402-0008', NguoiNhan: { HoTen: 'Lê Thị Mai', SoDienThoai: '0987654321', DiaChi: 'Thôn 3', MaXa: '07210' }, KhoiLuong: 0.1,
    })).data);
    expect(json((await h.ngsp.post('/vnpost/1.0/traCuuVanDon', waybill)).data)).toMatchObject({ MaHoSo: 'H06.22-240402-0008', TrangThai: 'DA_TAO' });
  });

  it('a judicial record request is found by traCuuKetQua; a tax obligation by TraCuuThongBaoThue', async () => {
    const request = json<{ MaYeuCau: string }>((await h.ngsp.post('/lltp/1.0/guiYeuCau', {
      MaHoSo: 'H06.22-240402-0009', SoDinhDanh: '024090001234', HoTen: 'Nguyễn Văn An', LoaiPhieu: 2, MucDich: 'Xin việc',
    })).data);
    expect(json((await h.ngsp.post('/lltp/1.0/traCuuKetQua', request)).data)).toMatchObject({ TrangThai: 'DA_TIEP_NHAN', NgayTraKetQua: null });

    const ns = 'http://tct.gdt.gov.vn/lgsp';
    await h.ngsp.post('/thue/1.0/ThueService', soapRequest(ns, 'GuiNghiaVuTaiChinh', {
      MaHoSo: 'H06.22-240402-0009', MaSoThue: '2400999999', LoaiNghiaVu: 'LPTB', SoTien: '1500000', NgayPhatSinh: '20240402090000',
    }));
    const found = await soapBody((await h.ngsp.post('/thue/1.0/ThueService', soapRequest(ns, 'TraCuuThongBaoThue', { MaSoThue: '2400999999' }))).data);
    expect(found.value).toMatchObject({ ThongBao: { MaHoSo: 'H06.22-240402-0009', SoTien: '1500000', TrangThai: 'CHUA_NOP' } });
  });
});
