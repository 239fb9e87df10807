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

export interface Payment {
  readonly MaGiaoDich: string;
  readonly MaHoSo: string;
  readonly SoTien: number;
  readonly NoiDung: string;
  readonly NguoiNop: string;
  readonly MaDonVi: string;
  readonly TrangThai: 'CHO_THANH_TOAN' | 'DA_THANH_TOAN' | 'DA_HUY';
  readonly ThoiGianThanhToan: string | null;
}

export interface Waybill {
  readonly MaVanDon: string;
  readonly MaHoSo: string;
  readonly TrangThai: string;
  readonly CapNhatLuc: string;
}

export interface BirthRegistration {
  readonly SoDangKy: string;
  readonly MaHoSo: string;
  readonly HoTen: string;
  readonly NgaySinh: string;
  readonly NgayDangKy: string;
  readonly NoiDangKy: string;
}

export interface JudicialRequest {
  readonly MaYeuCau: string;
  readonly MaHoSo: string;
  readonly SoDinhDanh: string;
  readonly TrangThai: 'DA_TIEP_NHAN' | 'DANG_XU_LY' | 'DA_CO_KET_QUA';
  readonly NgayTraKetQua: string | null;
  readonly CoAnTich: boolean;
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

export const parcelKey = (maXa: string, soTo: string, soThua: string): string => `${maXa}|${soTo}|${soThua}`;
