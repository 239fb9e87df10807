/** Record shapes held by the mock providers (field names are the providers' own, see docs/wire-formats.md). */
import type { Gender } from './vietnamese-names';

export interface PersonRef {
  readonly SoDinhDanh: string;
  readonly HoVaTen: string;
}

export interface Citizen {
  readonly SoDinhDanh: string;
  readonly Ho: string;
  readonly ChuDem: string;
  readonly Ten: string;
  readonly NgayThangNamSinh: string;
  readonly GioiTinh: Gender;
  readonly QueQuan: string;
  readonly Cha: PersonRef | null;
  readonly Me: PersonRef | null;
  readonly SoDienThoai: string;
  readonly MucDoDinhDanh: 1 | 2;
  readonly MaSoBHXH: string | null;
}

/** An address as the population database structures it (codes of the national catalogue). */
export interface CitizenAddress {
  readonly MaTinhThanh: string;
  readonly MaQuanHuyen: string;
  readonly MaPhuongXa: string;
  readonly ChiTiet: string;
  readonly QuocGia: string;
}

/** A relative (Cha, Me, VoChong) as the population database lists one. */
export interface Relative {
  readonly HoVaTen: string;
  readonly QuocTich: string;
  readonly SoDinhDanh: string;
  readonly SoCMND: string;
}

/** What the population database holds about a citizen beyond the shared `Citizen` record. */
export interface ResidencyDetails {
  /** The old 9-digit identity card number; empty for people who never had one. */
  readonly SoCMND: string;
  /** Codes of the national catalogues: DanToc `01` Kinh…, TonGiao `00` none, GioiTinh `1` male `2` female. */
  readonly MaGioiTinh: '1' | '2';
  readonly DanToc: string;
  readonly TonGiao: string;
  readonly TinhTrangHonNhan: '1' | '2';
  readonly QuocTich: string;
  readonly NoiDangKyKhaiSinh: CitizenAddress;
  readonly QueQuan: CitizenAddress;
  readonly ThuongTru: CitizenAddress;
  readonly NoiOHienTai: CitizenAddress;
  readonly VoChong: Relative | null;
  readonly ChuHo: { readonly QuanHe: string; readonly SoDinhDanh: string; readonly SoCMND: string; readonly HoVaTen: string };
  readonly SoSoHoKhau: string;
}

export interface ContributionPeriod {
  readonly TuThang: string;
  readonly DenThang: string;
  readonly DonVi: string;
  readonly MucLuong: number;
}

export interface InsuranceRecord {
  readonly MaSoBHXH: string;
  readonly HoTen: string;
  readonly SoDinhDanh: string;
  readonly QuaTrinh: readonly ContributionPeriod[];
}

export interface Business {
  readonly MaSoDoanhNghiep: string;
  readonly TenDoanhNghiep: string;
  readonly TenTiengAnh: string;
  readonly DiaChiTruSo: string;
  readonly NguoiDaiDien: string;
  readonly NgayThanhLap: string;
  readonly TinhTrang: string;
  readonly NganhNghe: ReadonlyArray<{ readonly Ma: string; readonly Ten: string }>;
}

export interface TaxNotice {
  readonly MaThongBao: string;
  readonly MaHoSo: string;
  readonly SoTien: number;
  readonly HanNop: string;
  readonly TrangThai: string;
}

/** A `DongBoHoSoMC` item, stored as received. */
export type Dossier = Record<string, unknown> & { readonly MaHoSo: string };

/** A transaction of the payment platform, keyed by the partner's reference `MaThamChieu`. */
export interface Payment {
  readonly MaThamChieu: string;
  /** yyyyMMddHHmmss, as INIT sent it: QUERY must give it again. */
  readonly ThoiGianGD: string;
  readonly MaDoiTac: string;
  readonly SoTien: number;
  readonly ThongTinGiaoDich: string;
  readonly MaHoSo: string;
  readonly MaNganHang: string;
  /** The platform's own transaction id, given once the payer paid. */
  readonly MaGiaoDich: string | null;
  /** TrangThaiGD: 1 paid, 3 pending (not paid yet), 4 failed. */
  readonly TrangThaiGD: '1' | '3' | '4';
  readonly ThoiGianThanhToan: string | null;
}

export interface Waybill {
  readonly MaVanDon: string;
  readonly MaHoSo: string;
  readonly TrangThai: string;
  readonly CapNhatLuc: string;
}

/** A civil-status dossier received through `dangKyHoTich`, keyed by `civilDossierKey(maDonVi, maHoSo)`. */
export interface BirthRegistration {
  readonly maDonVi: number;
  readonly maHoSo: string;
  readonly module: string;
  readonly ngayTiepNhan: string;
  /** 1 received, 2 needs more information, 3 eligible, 4 registered (`traTrangThaiHoSo`). */
  readonly trangThai: 1 | 2 | 3 | 4;
  readonly nksHoTen: string;
  readonly nksNgaySinh: string;
}

/** A criminal-record certificate request received through `nhanHoSoDangKy`, keyed by its receipt number. */
export interface JudicialRequest {
  /** The centre's (encrypted) id of the declaration. */
  readonly ID: string;
  readonly idReceivedDec: string;
  readonly identifyNo: string;
  readonly fullName: string;
  readonly formType: 1 | 2;
  /** 3 received by the department, 4 processing, 5 certificate issued. */
  readonly decStatusId: 3 | 4 | 5;
  /** dd/MM/yyyy, once the certificate exists. */
  readonly approveDate: string | null;
  readonly issueDate: string | null;
}

export interface Parcel {
  readonly MaXa: string;
  readonly SoTo: string;
  readonly SoThua: string;
  readonly DienTich: number;
  readonly MucDichSuDung: string;
  readonly DiaChi: string;
  readonly ChuSuDung: ReadonlyArray<{ readonly HoTen: string; readonly LoaiDoiTuong: string }>;
}

/** A document that arrived on the axis for an organ (`getReceivedEdocList` item plus its addressee). */
export interface ReceivedDocument {
  readonly ToOrganId: string;
  readonly DocId: string;
  readonly From: string;
  readonly CodeNumber: string;
  readonly CodeNotation: string;
  readonly Subject: string;
  readonly ReceivedTime: string;
}

export interface DocumentStatus {
  readonly DocumentId: string;
  readonly FromOrganId: string;
  readonly StatusCode: string;
  readonly Description: string;
  readonly Timestamp: string;
}

/** What an acknowledging provider accepted (events, prices, reports, reconciliations, hand-overs). */
export interface Submission {
  readonly id: string;
  readonly serviceId: string;
  readonly payload: unknown;
}

export const civilDossierKey = (maDonVi: number, maHoSo: string): string => `${maDonVi}|${maHoSo}`;

export const parcelKey = (maXa: string, soTo: string, soThua: string): string => `${maXa}|${soTo}|${soThua}`;
