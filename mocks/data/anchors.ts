import type { MockData } from './mock-data';
import { parcelKey, type Citizen } from './records';

/** Records the gateway's catalog examples rely on: identical whatever the seed. */
export const ANCHORS = {
  citizenId: '024090001234',
  insuranceCode: '2420123456',
  businessCode: '2400123456',
  businessName: 'Công ty TNHH Nông sản Lục Ngạn',
  dossierCode: 'H06.22-240315-0001',
  paymentCode: 'GD240315000001',
  birthRegistration: 'KS-2024-000123',
  judicialRequest: 'LLTP-2024-000045',
  waybill: 'EB240315001VN',
  parcel: { MaXa: '07210', SoTo: '12', SoThua: '345' },
  organId: '000.00.00.H06',
  phone: '0912345678',
} as const;

const ANCHOR_CITIZEN: Citizen = {
  SoDinhDanh: ANCHORS.citizenId, Ho: 'Nguyễn', ChuDem: 'Văn', Ten: 'An', NgayThangNamSinh: '19900512', GioiTinh: 'Nam',
  QueQuan: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang',
  Cha: { SoDinhDanh: '024060000111', HoVaTen: 'Nguyễn Văn Bình' },
  Me: { SoDinhDanh: '024065000222', HoVaTen: 'Trần Thị Cúc' },
  SoDienThoai: ANCHORS.phone, MucDoDinhDanh: 2, MaSoBHXH: ANCHORS.insuranceCode,
};

const month = (m: number): string => `2023${String(m).padStart(2, '0')}`;

function anchorPeople(data: MockData): void {
  data.citizens.set(ANCHORS.citizenId, ANCHOR_CITIZEN);
  data.insurance.set(ANCHORS.insuranceCode, {
    MaSoBHXH: ANCHORS.insuranceCode, HoTen: 'Nguyễn Văn An', SoDinhDanh: ANCHORS.citizenId,
    QuaTrinh: Array.from({ length: 12 }, (_, i) => ({
      TuThang: month(i + 1), DenThang: month(i + 1), DonVi: ANCHORS.businessName, MucLuong: i < 6 ? 6500000 : 7200000,
    })),
  });
}

function anchorBusiness(data: MockData): void {
  data.businesses.set(ANCHORS.businessCode, {
    MaSoDoanhNghiep: ANCHORS.businessCode, TenDoanhNghiep: ANCHORS.businessName,
    TenTiengAnh: 'Luc Ngan Agricultural Products Company Limited',
    DiaChiTruSo: 'Số 68, Thị trấn Chũ, Huyện Lục Ngạn, Bắc Giang', NguoiDaiDien: 'Nguyễn Văn An',
    NgayThanhLap: '20150310', TinhTrang: 'Đang hoạt động',
    NganhNghe: [{ Ma: '0121', Ten: 'Trồng cây ăn quả' }, { Ma: '4632', Ten: 'Bán buôn thực phẩm' }],
  });
  data.taxNotices.set(ANCHORS.businessCode, [
    { MaThongBao: 'TB-2024-100001', MaHoSo: ANCHORS.dossierCode, SoTien: 500000, HanNop: '20240415', TrangThai: 'CHUA_NOP' },
    { MaThongBao: 'TB-2024-100002', MaHoSo: 'H06.22-240110-0007', SoTien: 1200000, HanNop: '20240210', TrangThai: 'DA_NOP' },
  ]);
}

function anchorDossier(data: MockData): void {
  data.dossiers.set(ANCHORS.dossierCode, {
    MaHoSo: ANCHORS.dossierCode, MaTTHC: '1.001612', TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
    MaLinhVuc: 'G09-KD', TenLinhVuc: 'Thành lập và hoạt động của hộ kinh doanh', ChuHoSo: 'Nguyễn Văn An',
    LoaiDoiTuong: 1, MaDoiTuong: ANCHORS.citizenId, SoDienThoai: ANCHORS.phone, Email: 'nguyenvanan@example.vn',
    TrichYeuHoSo: 'Đăng ký thành lập hộ kinh doanh - Nguyễn Văn An', NgayTiepNhan: '20240315083000',
    NgayHenTra: '20240320170000', TrangThaiHoSo: 4, NgayTra: null, HinhThuc: 2,
    DonViXuLy: 'Phòng Tài chính - Kế hoạch thành phố Bắc Giang',
    TaiLieuNop: [{ TenTepDinhKem: 'GiayDeNghiDangKyHKD.pdf', DuongDanTaiTep: `https://dichvucong.bacgiang.gov.vn/files/${ANCHORS.dossierCode}/GiayDeNghiDangKyHKD.pdf` }],
    DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký hộ kinh doanh', MucPhi: 50000 }],
  });
  data.payments.set(ANCHORS.paymentCode, {
    MaGiaoDich: ANCHORS.paymentCode, MaHoSo: ANCHORS.dossierCode, SoTien: 50000,
    NoiDung: `Nộp lệ phí hồ sơ ${ANCHORS.dossierCode}`, NguoiNop: 'Nguyễn Văn An', MaDonVi: ANCHORS.organId,
    TrangThai: 'DA_THANH_TOAN', ThoiGianThanhToan: '20240315091500',
  });
  data.waybills.set(ANCHORS.waybill, { MaVanDon: ANCHORS.waybill, MaHoSo: ANCHORS.dossierCode, TrangThai: 'DANG_VAN_CHUYEN', CapNhatLuc: '20240321103000' });
}

function anchorCivilAndLand(data: MockData): void {
  data.birthRegistrations.set(ANCHORS.birthRegistration, {
    SoDangKy: ANCHORS.birthRegistration, MaHoSo: 'H06.22-240301-0012', HoTen: 'Nguyễn Minh Khang', NgaySinh: '20240220',
    NgayDangKy: '20240301', NoiDangKy: 'Ủy ban nhân dân Xã Tân Mỹ',
  });
  data.judicialRequests.set(ANCHORS.judicialRequest, {
    MaYeuCau: ANCHORS.judicialRequest, MaHoSo: 'H06.22-240305-0003', SoDinhDanh: ANCHORS.citizenId,
    TrangThai: 'DA_CO_KET_QUA', NgayTraKetQua: '20240314', CoAnTich: false,
  });
  const { MaXa, SoTo, SoThua } = ANCHORS.parcel;
  data.parcels.set(parcelKey(MaXa, SoTo, SoThua), {
    MaXa, SoTo, SoThua, DienTich: 215.5, MucDichSuDung: 'ONT - Đất ở tại nông thôn',
    DiaChi: 'Thôn Tân Phú, Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang', ChuSuDung: [{ HoTen: 'Nguyễn Văn An', LoaiDoiTuong: 'Hộ gia đình, cá nhân' }],
  });
}

function anchorDocuments(data: MockData): void {
  const docs = [
    ['000.00.00.G22', '2024/03/11', '1712', 'VPCP-KSTT', 'Về việc đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình', '20240311143000'],
    ['000.00.00.G16', '2024/03/13', '845', 'BTTTT-CĐSQG', 'Về việc kết nối, chia sẻ dữ liệu với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia', '20240313090500'],
    ['000.00.00.G12', '2024/03/14', '2310', 'BTC-TCT', 'Về việc triển khai hóa đơn điện tử khởi tạo từ máy tính tiền', '20240314161000'],
  ] as const;
  for (const [from, day, num, notation, subject, time] of docs) {
    data.receivedDocuments.push({
      ToOrganId: ANCHORS.organId, DocId: `${from},${day},${num}/${notation}`, From: from, CodeNumber: num,
      CodeNotation: notation, Subject: subject, ReceivedTime: time,
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
