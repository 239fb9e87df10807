import { createHash } from 'node:crypto';
import { DEV_DVCQG_CREDENTIALS, DVCQG_LOGIN_PATH } from '../../mocks/auth/dvcqg-session';
import { DEV_PAYMENT_PARTNER } from '../../mocks/data/dossiers';
import { DEV_PAYMENT_PARTNERS } from '../../mocks/services/ngsp/dvcqg-thanh-toan';
import { json, startHarness, type Harness } from './support/mock-harness';

/** MaXacThuc of the development partner over the given values, in order. */
const signPayment = (values: readonly string[]): string =>
  createHash('sha256')
    .update([...values, DEV_PAYMENT_PARTNERS[DEV_PAYMENT_PARTNER]].join('|'))
    .digest('hex');
import { soapBody } from './support/soap-parse';
import { soapRequest } from './support/wire-builders';

/** What an async operation delivers, a later lookup finds. */
describe('records created by async operations', () => {
  let h: Harness;
  const dvcqg = async (service: string, fields: Record<string, unknown>) => {
    const { session } = json<{ session: string }>((await h.ngsp.post(DVCQG_LOGIN_PATH, DEV_DVCQG_CREDENTIALS)).data);
    return h.ngsp.post('/dvcqg/1.0/dongBoHoSo', { session, madonvi: '000.00.00.H06', service, ...fields });
  };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('a synced dossier is found by TraCuuHoSo, and its progress update changes its state', async () => {
    const item = {
      MaHoSo: 'H06.22-240402-0007',
      MaTTHC: '1.001193',
      TenTTHC: 'Thủ tục đăng ký khai sinh',
      MaLinhVuc: 'G09-HT',
      TenLinhVuc: 'Hộ tịch',
      ChuHoSo: 'Lê Thị Mai',
      LoaiDoiTuong: '1',
      MaDoiTuong: '024190004321',
      SoDienThoai: '0987654321',
      Email: 'mai@example.vn',
      TrichYeuHoSo: 'Đăng ký khai sinh cho con',
      NgayTiepNhan: '20240402080000',
      NgayHenTra: '20240403170000',
      TrangThaiHoSo: '1',
      NgayTra: '',
      HinhThuc: '0',
      DonViXuLy: 'UBND Xã Tân Mỹ',
      TaiLieuNop: [],
      DanhSachLePhi: [],
    };
    expect(json((await dvcqg('DongBoHoSoMC', { isUpdating: 'False', data: [item] })).data)).toMatchObject({ error_code: '00' });
    expect(json((await dvcqg('TraCuuHoSo', { mahoso: item.MaHoSo })).data)).toMatchObject({ result: [{ ...item }] });
    await dvcqg('CapNhatTienDoHoSoMC', {
      data: [
        { MaHoSo: item.MaHoSo, NguoiXuLy: 'Hà Văn Long', ThoiDiemXuLy: '20240403090000', NoiDungXuLy: 'Đã trả kết quả', TrangThai: '10' },
      ],
    });
    expect(json((await dvcqg('TraCuuHoSo', { mahoso: item.MaHoSo })).data)).toMatchObject({
      result: [{ TrangThaiHoSo: '10', ChuHoSo: 'Lê Thị Mai' }],
    });
  });

  it('a progress update for an unknown dossier is error_code 04; looking it up finds an empty list', async () => {
    const res = await dvcqg('CapNhatTienDoHoSoMC', {
      data: [{ MaHoSo: 'H06.00-000000-0000', NguoiXuLy: 'A', ThoiDiemXuLy: '20240403090000', NoiDungXuLy: 'x', TrangThai: '4' }],
    });
    expect(json(res.data)).toMatchObject({ error_code: '04', result: null });
    expect(json((await dvcqg('TraCuuHoSo', { mahoso: 'H06.00-000000-0000' })).data)).toEqual({
      error_code: '00',
      message: 'Thành công',
      result: [],
    });
  });

  it('a registered birth is found by traTrangThaiHoSo; a created payment (pending) and a waybill by their lookups', async () => {
    const birth = { maDonVi: 7210, maHoSo: 'H06.22-240402-0008' };
    expect(json((await h.ngsp.post('/apiHoTichTuPhap/traTrangThaiHoSo', birth)).data)).toMatchObject({ status: 0, errorCode: '201' });
    expect(
      json(
        (
          await h.ngsp.post('/apiHoTichTuPhap/dangKyHoTich', {
            ...birth,
            module: 'KS',
            ngayTiepNhan: '2024-04-02',
            data: '<hotich><hoso><noiDangKy>7210</noiDangKy><nksHoTen>Nguyễn Bảo Ngọc</nksHoTen><nksGioiTinh>2</nksGioiTinh><nksNgaySinh>25/03/2024</nksNgaySinh><nksNoiSinh>Bắc Giang</nksNoiSinh><nksLoaiKhaiSinh>3</nksLoaiKhaiSinh><meHoTen>Lê Thị Mai</meHoTen><meLoaiGiayToTuyThan>4</meLoaiGiayToTuyThan><meSoGiayToTuyThan>024190004321</meSoGiayToTuyThan></hoso></hotich>',
          })
        ).data,
      ),
    ).toEqual({ status: 1 });
    expect(json((await h.ngsp.post('/apiHoTichTuPhap/traTrangThaiHoSo', birth)).data)).toEqual({ status: 1 });

    const init = {
      LoaiBanTin: 'INIT',
      PhienBan: '1.0.6',
      MaDoiTac: DEV_PAYMENT_PARTNER,
      MaThamChieu: 'H0622240402000820240402100000',
      SoTien: '8000',
      LoaiHinhThanhToan: 'PAY',
      MaKenhThanhToan: '1',
      MaThietBi: '1',
      NgonNgu: 'vi-VN',
      MaTienTe: 'VND',
      MaNganHang: 'PAYMENT',
      ThongTinGiaoDich: 'Lệ phí',
      ThoiGianGD: '20240402100000',
      Ip: '10.0.0.1',
    };
    const receipt = {
      MaDichVu: '2',
      MaHoSo: 'H06.22-240402-0008',
      MaDonVi: '000.00.00.H06',
      HoTenNguoiNop: 'Lê Thị Mai',
      PhiLePhi: [{ LoaiPhiLePhi: 'Phi', MaPhiLePhi: '', TenPhiLePhi: 'Lệ phí', SoTien: '8000' }],
      DSKhoanNop: [],
    };
    expect(
      json(
        (await h.ngsp.post('/thanhtoan/1.0/init', { ...init, MaXacThuc: signPayment(Object.values(init)), ThongTinBienLai: receipt })).data,
      ),
    ).toMatchObject({ error_code: '0' });
    const query = {
      LoaiBanTin: 'QUERY',
      PhienBan: '1.0.6',
      MaDoiTac: DEV_PAYMENT_PARTNER,
      MaThamChieu: init.MaThamChieu,
      ThoiGianGD: init.ThoiGianGD,
    };
    expect(
      json((await h.ngsp.post('/thanhtoan/1.0/query', { ...query, MaXacThuc: signPayment(Object.values(query)) })).data),
    ).toMatchObject({ MaLoi: '00', TrangThaiGD: '3', MaGiaoDich: null, SoTien: 8000 });

    const waybill = json<{ MaVanDon: string }>(
      (
        await h.ngsp.post('/vnpost/1.0/taoVanDon', {
          MaHoSo: 'H06.22-240402-0008',
          NguoiNhan: { HoTen: 'Lê Thị Mai', SoDienThoai: '0987654321', DiaChi: 'Thôn 3', MaXa: '07210' },
          KhoiLuong: 0.1,
        })
      ).data,
    );
    expect(json((await h.ngsp.post('/vnpost/1.0/traCuuVanDon', waybill)).data)).toMatchObject({
      MaHoSo: 'H06.22-240402-0008',
      TrangThai: 'DA_TAO',
    });
  });

  it('a judicial record request is found by LLTP-API-traTrangThaiHs; a tax obligation by TraCuuThongBaoThue', async () => {
    const accepted = json<{ STATUS: string; ID: string }>(
      (
        await h.ngsp.post('/apiLyLichTuPhap/nhanHoSoDangKy', {
          idMinistryJustice: '000.00.16.H06',
          idReceivedDec: 'H06.22-240402-0009',
          dateReceivedDec: '02/04/2024',
          datePromissoryDec: '12/04/2024',
          declarationWSForm: {
            fullName: 'Nguyễn Văn An',
            genderId: 1,
            birthDateStr: '12/05/1990',
            nationalityId: 1,
            idTypeId: 3,
            identifyNo: '024090001234',
            phone: '0912345678',
            declareDate: '02/04/2024',
            declareTypeId: 3846,
            requestQty: 1,
            objectRequestId: 72,
            formType: 2,
            purpose: 'Xin việc',
          },
          residenceWSForm: [{ fromDateStr: '1990', toDateStr: '02/04/2024', residencePlace: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang' }],
        })
      ).data,
    );
    expect(accepted.STATUS).toBe('1');
    expect(
      json((await h.ngsp.post('/apiLyLichTuPhap/LLTP-API-traTrangThaiHs', { idReceivedDec: 'H06.22-240402-0009', infoType: '2' })).data),
    ).toMatchObject({ STATUS: '1', DEC_STATUS_ID: '3', APPROVE_DATE: '', ISSUE_DATE: '' });

    const ns = 'http://tct.gdt.gov.vn/lgsp';
    await h.ngsp.post(
      '/thue/1.0/ThueService',
      soapRequest(ns, 'GuiNghiaVuTaiChinh', {
        MaHoSo: 'H06.22-240402-0009',
        MaSoThue: '2400999999',
        LoaiNghiaVu: 'LPTB',
        SoTien: '1500000',
        NgayPhatSinh: '20240402090000',
      }),
    );
    const found = await soapBody(
      (await h.ngsp.post('/thue/1.0/ThueService', soapRequest(ns, 'TraCuuThongBaoThue', { MaSoThue: '2400999999' }))).data,
    );
    expect(found.value).toMatchObject({ ThongBao: { MaHoSo: 'H06.22-240402-0009', SoTien: '1500000', TrangThai: 'CHUA_NOP' } });
  });
});
