import { DEV_PAYMENT_PARTNER } from './dossiers';
import type { MockData } from './mock-data-shape';
import { declarationId } from './civil-records';
import { civilDossierKey, parcelKey, type Citizen } from './records';

/** Records the gateway's catalog examples rely on: identical whatever the seed. */
export const ANCHORS = {
  citizenId: '024090001234',
  insuranceCode: '2420123456',
  businessCode: '2400123456',
  businessName: 'Công ty TNHH Nông sản Lục Ngạn',
  dossierCode: 'H06.22-240315-0001',
  paymentCode: 'GD240315000001',
  /** The partner's reference of that payment (MaThamChieu): dossier code without punctuation + ThoiGianGD. */
  paymentReference: 'H0622240315000120240315090000',
  /** A birth registered at Xã Tân Mỹ (unit 7210), received by the one-stop desk as this dossier. */
  birthRegistration: { maDonVi: 7210, maHoSo: 'H06.22-240301-0012' },
  /** The one-stop receipt number of a judicial-records request whose certificate is issued. */
  judicialRequest: 'H06.22-240305-0003',
  waybill: 'EB240315001VN',
  parcel: { MaXa: '07210', SoTo: '12', SoThua: '345' },
  organId: '000.00.00.H06',
  phone: '0912345678',
} as const;

const ANCHOR_CITIZEN: Citizen = {
  SoDinhDanh: ANCHORS.citizenId,
  Ho: 'Nguyễn',
  ChuDem: 'Văn',
  Ten: 'An',
  NgayThangNamSinh: '19900512',
  GioiTinh: 'Nam',
  QueQuan: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang',
  Cha: { SoDinhDanh: '024060000111', HoVaTen: 'Nguyễn Văn Bình' },
  Me: { SoDinhDanh: '024065000222', HoVaTen: 'Trần Thị Cúc' },
  SoDienThoai: ANCHORS.phone,
  MucDoDinhDanh: 2,
  MaSoBHXH: ANCHORS.insuranceCode,
};

const month = (m: number): string => `2023${String(m).padStart(2, '0')}`;

function anchorPeople(data: MockData): void {
  data.citizens.set(ANCHORS.citizenId, ANCHOR_CITIZEN);
  data.insurance.set(ANCHORS.insuranceCode, {
    MaSoBHXH: ANCHORS.insuranceCode,
    HoTen: 'Nguyễn Văn An',
    SoDinhDanh: ANCHORS.citizenId,
    QuaTrinh: Array.from({ length: 12 }, (_, i) => ({
      TuThang: month(i + 1),
      DenThang: month(i + 1),
      DonVi: ANCHORS.businessName,
      MucLuong: i < 6 ? 6500000 : 7200000,
    })),
  });
}

function anchorBusiness(data: MockData): void {
  data.businesses.set(ANCHORS.businessCode, {
    MaSoDoanhNghiep: ANCHORS.businessCode,
    TenDoanhNghiep: ANCHORS.businessName,
    TenTiengAnh: 'Luc Ngan Agricultural Products Company Limited',
    DiaChiTruSo: 'Số 68, Thị trấn Chũ, Huyện Lục Ngạn, Bắc Giang',
    NguoiDaiDien: 'Nguyễn Văn An',
    NgayThanhLap: '20150310',
    TinhTrang: 'Đang hoạt động',
    NganhNghe: [
      { Ma: '0121', Ten: 'Trồng cây ăn quả' },
      { Ma: '4632', Ten: 'Bán buôn thực phẩm' },
    ],
  });
  data.taxNotices.set(ANCHORS.businessCode, [
    { MaThongBao: 'TB-2024-100001', MaHoSo: ANCHORS.dossierCode, SoTien: 500000, HanNop: '20240415', TrangThai: 'CHUA_NOP' },
    { MaThongBao: 'TB-2024-100002', MaHoSo: 'H06.22-240110-0007', SoTien: 1200000, HanNop: '20240210', TrangThai: 'DA_NOP' },
  ]);
}

function anchorDossier(data: MockData): void {
  data.dossiers.set(ANCHORS.dossierCode, {
    MaHoSo: ANCHORS.dossierCode,
    MaTTHC: '1.001612',
    TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
    MaLinhVuc: 'G09-KD',
    TenLinhVuc: 'Thành lập và hoạt động của hộ kinh doanh',
    KenhThucHien: '2',
    ChuHoSo: 'Nguyễn Văn An',
    LoaiDoiTuong: '1',
    MaDoiTuong: ANCHORS.citizenId,
    ThongTinKhac: '',
    Email: 'nguyenvanan@example.vn',
    Fax: '',
    SoDienThoai: ANCHORS.phone,
    TrichYeuHoSo: 'Đăng ký thành lập hộ kinh doanh - Nguyễn Văn An',
    NgayTiepNhan: '20240315083000',
    NgayHenTra: '20240320170000',
    TrangThaiHoSo: '4',
    NgayTra: '',
    ThongTinTra: '',
    HinhThuc: '0',
    NgayKetThucXuLy: '',
    DonViXuLy: 'Phòng Tài chính - Kế hoạch thành phố Bắc Giang',
    GhiChu: '',
    TaiLieuNop: [
      {
        TepDinhKemId: '88001',
        TenTepDinhKem: 'GiayDeNghiDangKyHKD.pdf',
        IsDeleted: 'False',
        MaThanhPhanHoSo: 'TP01',
        DuongDanTaiTepTin: `https://dichvucong.bacgiang.gov.vn/files/${ANCHORS.dossierCode}/GiayDeNghiDangKyHKD.pdf`,
      },
    ],
    DanhSachLePhi: [
      { TenPhiLePhi: 'Lệ phí đăng ký hộ kinh doanh', MaPhiLePhi: 'LP-1.001612', HinhThucThu: '1', Gia: '50000', LoaiPhiLePhi: '1' },
    ],
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: [],
    DanhSachGiayToKetQua: [],
  });
  data.payments.set(ANCHORS.paymentReference, {
    MaThamChieu: ANCHORS.paymentReference,
    ThoiGianGD: '20240315090000',
    MaDoiTac: DEV_PAYMENT_PARTNER,
    SoTien: 50000,
    ThongTinGiaoDich: `Nộp lệ phí hồ sơ ${ANCHORS.dossierCode}`,
    MaHoSo: ANCHORS.dossierCode,
    MaNganHang: 'VCB',
    MaGiaoDich: ANCHORS.paymentCode,
    TrangThaiGD: '1',
    ThoiGianThanhToan: '20240315091500',
  });
  data.waybills.set(ANCHORS.waybill, {
    MaVanDon: ANCHORS.waybill,
    MaHoSo: ANCHORS.dossierCode,
    TrangThai: 'DANG_VAN_CHUYEN',
    CapNhatLuc: '20240321103000',
  });
}

function anchorCivilAndLand(data: MockData): void {
  const { maDonVi, maHoSo } = ANCHORS.birthRegistration;
  data.birthRegistrations.set(civilDossierKey(maDonVi, maHoSo), {
    maDonVi,
    maHoSo,
    module: 'KS',
    ngayTiepNhan: '2024-03-01',
    trangThai: 4,
    nksHoTen: 'Nguyễn Minh Khang',
    nksNgaySinh: '20/02/2024',
  });
  data.judicialRequests.set(ANCHORS.judicialRequest, {
    ID: declarationId(ANCHORS.judicialRequest),
    idReceivedDec: ANCHORS.judicialRequest,
    identifyNo: ANCHORS.citizenId,
    fullName: 'Nguyễn Văn An',
    formType: 1,
    decStatusId: 5,
    approveDate: '13/03/2024',
    issueDate: '14/03/2024',
  });
  const { MaXa, SoTo, SoThua } = ANCHORS.parcel;
  data.parcels.set(parcelKey(MaXa, SoTo, SoThua), {
    MaXa,
    SoTo,
    SoThua,
    DienTich: 215.5,
    MucDichSuDung: 'ONT - Đất ở tại nông thôn',
    DiaChi: 'Thôn Tân Phú, Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang',
    ChuSuDung: [{ HoTen: 'Nguyễn Văn An', LoaiDoiTuong: 'Hộ gia đình, cá nhân' }],
  });
}

function anchorDocuments(data: MockData): void {
  const docs = [
    ['000.00.00.G22', '2024/03/11', '1712', 'VPCP-KSTT', 'Về việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình', '20240311143000'],
    [
      '000.00.00.G16',
      '2024/03/13',
      '845',
      'BTTTT-CĐSQG',
      'Về việc kết nối, chia sẻ dữ liệu với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia',
      '20240313090500',
    ],
    ['000.00.00.G12', '2024/03/14', '2310', 'BTC-TCT', 'Về việc triển khai hóa đơn điện tử khởi tạo từ máy tính tiền', '20240314161000'],
  ] as const;
  for (const [from, day, num, notation, subject, time] of docs) {
    data.receivedDocuments.push({
      ToOrganId: ANCHORS.organId,
      DocId: `${from},${day},${num}/${notation}`,
      From: from,
      CodeNumber: num,
      CodeNotation: notation,
      Subject: subject,
      ReceivedTime: time,
    });
  }
}

export function applyAnchors(data: MockData): void {
  anchorPeople(data);
  anchorBusiness(data);
  anchorDossier(data);
  anchorCivilAndLand(data);
  anchorDocuments(data);
}
