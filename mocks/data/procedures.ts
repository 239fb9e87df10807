/** A few administrative procedures (TTHC) with their field, fee and handling agency, as DVCQG lists them. */
export interface Procedure {
  readonly MaTTHC: string;
  readonly TenTTHC: string;
  readonly MaLinhVuc: string;
  readonly TenLinhVuc: string;
  readonly LePhi: number;
  readonly DonViXuLy: string;
  /** Agency code of the handling unit (mã định danh), and of the ministry that published the procedure. */
  readonly MaDonViXuLy: string;
  readonly MaCoQuanCongBo: string;
  readonly LoaiDoiTuong: 1 | 2;
  readonly SoNgayXuLy: number;
  /** Channels it can be submitted by: 1 in person, 2 online, 3 public post (the portal's KENH). */
  readonly Kenh: ReadonlyArray<1 | 2 | 3>;
}

export const PROCEDURES: readonly Procedure[] = [
  {
    MaTTHC: '1.001612',
    TenTTHC: 'Đăng ký thành lập hộ kinh doanh',
    MaLinhVuc: 'G09-KD',
    TenLinhVuc: 'Thành lập và hoạt động của hộ kinh doanh',
    LePhi: 100000,
    DonViXuLy: 'Phòng Tài chính - Kế hoạch',
    MaDonViXuLy: '000.22.30.H06',
    MaCoQuanCongBo: '000.00.00.G09',
    LoaiDoiTuong: 1,
    SoNgayXuLy: 3,
    Kenh: [1, 2, 3],
  },
  {
    MaTTHC: '1.001193',
    TenTTHC: 'Thủ tục đăng ký khai sinh',
    MaLinhVuc: 'G09-HT',
    TenLinhVuc: 'Hộ tịch',
    LePhi: 0,
    DonViXuLy: 'Ủy ban nhân dân cấp xã',
    MaDonViXuLy: '000.22.31.H06',
    MaCoQuanCongBo: '000.00.00.G12',
    LoaiDoiTuong: 1,
    SoNgayXuLy: 1,
    Kenh: [1, 2],
  },
  {
    MaTTHC: '2.000488',
    TenTTHC: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    MaLinhVuc: 'G09-LLTP',
    TenLinhVuc: 'Lý lịch tư pháp',
    LePhi: 200000,
    DonViXuLy: 'Sở Tư pháp tỉnh Bắc Giang',
    MaDonViXuLy: '000.00.14.H06',
    MaCoQuanCongBo: '000.00.00.G12',
    LoaiDoiTuong: 1,
    SoNgayXuLy: 10,
    Kenh: [1, 2, 3],
  },
  {
    MaTTHC: '1.004227',
    TenTTHC: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    MaLinhVuc: 'G09-DD',
    TenLinhVuc: 'Đất đai',
    LePhi: 50000,
    DonViXuLy: 'Văn phòng Đăng ký đất đai tỉnh Bắc Giang',
    MaDonViXuLy: '000.15.21.H06',
    MaCoQuanCongBo: '000.00.00.G18',
    LoaiDoiTuong: 1,
    SoNgayXuLy: 10,
    Kenh: [1, 2],
  },
  {
    MaTTHC: '2.001610',
    TenTTHC: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    MaLinhVuc: 'G09-XD',
    TenLinhVuc: 'Hoạt động xây dựng',
    LePhi: 75000,
    DonViXuLy: 'Phòng Quản lý đô thị',
    MaDonViXuLy: '000.22.32.H06',
    MaCoQuanCongBo: '000.00.00.G21',
    LoaiDoiTuong: 1,
    SoNgayXuLy: 15,
    Kenh: [1, 2],
  },
  {
    MaTTHC: '1.005388',
    TenTTHC: 'Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm',
    MaLinhVuc: 'G09-ATTP',
    TenLinhVuc: 'An toàn thực phẩm',
    LePhi: 500000,
    DonViXuLy: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Bắc Giang',
    MaDonViXuLy: '000.00.11.H06',
    MaCoQuanCongBo: '000.00.00.G14',
    LoaiDoiTuong: 2,
    SoNgayXuLy: 20,
    Kenh: [1, 2],
  },
];
