import type { Prng } from './prng';
import { PROCEDURES } from './procedures';
import type { Citizen, Dossier, Payment, Waybill } from './records';
import { addDays, dvcqgTime, vnDate } from './time-format';
import { fullName } from './vietnamese-names';

const BASE = vnDate(2024, 1, 2, 8);
const two = (n: number): string => String(n).padStart(2, '0');
const WAYBILL_STATES = ['DA_TAO', 'DA_NHAN_HANG', 'DANG_VAN_CHUYEN', 'DA_PHAT', 'DA_PHAT'];

export function dossierCode(agencySuffix: number, date: Date, sequence: number): string {
  return `H06.${agencySuffix}-${dvcqgTime(date).slice(2, 8)}-${String(sequence).padStart(4, '0')}`;
}

function dossier(prng: Prng, index: number, owner: Citizen): Dossier {
  const procedure = prng.pick(PROCEDURES);
  const received = addDays(BASE, prng.int(0, 70) + prng.int(0, 9) / 24);
  const due = addDays(received, procedure.SoNgayXuLy);
  const state = prng.pick([1, 2, 4, 4, 4, 5, 6, 9, 10, 10]);
  const channel = prng.pick([1, 2, 2, 2, 3]);
  const code = dossierCode(prng.int(10, 40), received, index + 1);
  return {
    MaHoSo: code,
    MaTTHC: procedure.MaTTHC,
    TenTTHC: procedure.TenTTHC,
    MaLinhVuc: procedure.MaLinhVuc,
    TenLinhVuc: procedure.TenLinhVuc,
    ChuHoSo: fullName(owner),
    LoaiDoiTuong: procedure.LoaiDoiTuong,
    MaDoiTuong: owner.SoDinhDanh,
    SoDienThoai: owner.SoDienThoai,
    Email: '',
    TrichYeuHoSo: `${procedure.TenTTHC} - ${fullName(owner)}`,
    NgayTiepNhan: dvcqgTime(received),
    NgayHenTra: dvcqgTime(due),
    TrangThaiHoSo: state,
    NgayTra: state >= 9 ? dvcqgTime(addDays(due, -prng.int(0, 2))) : null,
    HinhThuc: channel,
    DonViXuLy: procedure.DonViXuLy,
    TaiLieuNop: [{ TenTepDinhKem: 'DonDeNghi.pdf', DuongDanTaiTep: `https://dichvucong.bacgiang.gov.vn/files/${code}/DonDeNghi.pdf` }],
    DanhSachLePhi: procedure.LePhi > 0 ? [{ TenPhiLePhi: `Lệ phí ${procedure.TenLinhVuc.toLowerCase()}`, MucPhi: procedure.LePhi }] : [],
  };
}

function payment(prng: Prng, item: Dossier, sequence: number): Payment {
  const received = String(item.NgayTiepNhan);
  const fees = item.DanhSachLePhi as Array<{ MucPhi: number }>;
  const paid = prng.chance(0.7);
  return {
    MaGiaoDich: `GD${received.slice(2, 8)}${String(sequence).padStart(6, '0')}`,
    MaHoSo: item.MaHoSo,
    SoTien: fees[0]?.MucPhi ?? 0,
    NoiDung: `Nộp lệ phí hồ sơ ${item.MaHoSo}`,
    NguoiNop: String(item.ChuHoSo),
    MaDonVi: '000.00.00.H06',
    TrangThai: paid ? 'DA_THANH_TOAN' : 'CHO_THANH_TOAN',
    ThoiGianThanhToan: paid ? `${received.slice(0, 8)}${two(prng.int(8, 16))}${two(prng.int(0, 59))}00` : null,
  };
}

export function generateDossiers(prng: Prng, count: number, people: readonly Citizen[]): {
  dossiers: Map<string, Dossier>;
  dossierProgress: Map<string, Array<Record<string, unknown>>>;
  payments: Map<string, Payment>;
  waybills: Map<string, Waybill>;
} {
  const dossiers = new Map<string, Dossier>();
  const payments = new Map<string, Payment>();
  const waybills = new Map<string, Waybill>();
  for (let i = 0; i < count; i++) {
    const item = dossier(prng, i, prng.pick(people));
    dossiers.set(item.MaHoSo, item);
    if ((item.DanhSachLePhi as unknown[]).length > 0) {
      const p = payment(prng, item, 100 + i);
      payments.set(p.MaGiaoDich, p);
    }
    if (item.HinhThuc === 3 || (Number(item.TrangThaiHoSo) >= 9 && prng.chance(0.4))) {
      const code = `EB${prng.digits(9)}VN`;
      waybills.set(code, { MaVanDon: code, MaHoSo: item.MaHoSo, TrangThai: prng.pick(WAYBILL_STATES), CapNhatLuc: String(item.NgayHenTra) });
    }
  }
  return { dossiers, dossierProgress: new Map(), payments, waybills };
}
