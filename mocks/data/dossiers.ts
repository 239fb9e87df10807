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

/** The partner code the mock payment platform knows the province by (equal to the catalog's `maDoiTac`). */
export const DEV_PAYMENT_PARTNER = 'LGSPBACGIANG';

/** The partner's reference for a payment, as public clients make it: the dossier code without punctuation, then the time. */
export const paymentReference = (maHoSo: string, thoiGianGD: string): string => `${maHoSo.replace(/\W/g, '')}${thoiGianGD}`;

/** Values are strings, as the portal stores what `DongBoHoSoMC` sent. */
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
    KenhThucHien: String(channel),
    ChuHoSo: fullName(owner),
    LoaiDoiTuong: String(procedure.LoaiDoiTuong),
    MaDoiTuong: owner.SoDinhDanh,
    ThongTinKhac: '',
    Email: '',
    Fax: '',
    SoDienThoai: owner.SoDienThoai,
    TrichYeuHoSo: `${procedure.TenTTHC} - ${fullName(owner)}`,
    NgayTiepNhan: dvcqgTime(received),
    NgayHenTra: dvcqgTime(due),
    TrangThaiHoSo: String(state),
    NgayTra: state >= 9 ? dvcqgTime(addDays(due, -prng.int(0, 2))) : '',
    ThongTinTra: '',
    HinhThuc: channel === 3 ? '1' : '0',
    NgayKetThucXuLy: '',
    DonViXuLy: procedure.DonViXuLy,
    GhiChu: '',
    TaiLieuNop: [
      {
        TepDinhKemId: String(10000 + index),
        TenTepDinhKem: 'DonDeNghi.pdf',
        IsDeleted: 'False',
        MaThanhPhanHoSo: '',
        DuongDanTaiTepTin: `https://dichvucong.bacgiang.gov.vn/files/${code}/DonDeNghi.pdf`,
      },
    ],
    DanhSachLePhi:
      procedure.LePhi > 0
        ? [
            {
              TenPhiLePhi: `Lệ phí ${procedure.TenLinhVuc.toLowerCase()}`,
              MaPhiLePhi: `LP-${procedure.MaTTHC}`,
              HinhThucThu: '1',
              Gia: String(procedure.LePhi),
              LoaiPhiLePhi: '1',
            },
          ]
        : [],
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: [],
    DanhSachGiayToKetQua: [],
  };
}

function payment(prng: Prng, item: Dossier, sequence: number): Payment {
  const received = String(item.NgayTiepNhan);
  const fees = item.DanhSachLePhi as Array<{ Gia: string }>;
  const paid = prng.chance(0.7);
  return {
    MaThamChieu: paymentReference(item.MaHoSo, received),
    ThoiGianGD: received,
    MaDoiTac: DEV_PAYMENT_PARTNER,
    SoTien: Number(fees[0]?.Gia ?? 0),
    ThongTinGiaoDich: `Nộp lệ phí hồ sơ ${item.MaHoSo}`,
    MaHoSo: item.MaHoSo,
    MaNganHang: paid ? 'VCB' : 'PAYMENT',
    MaGiaoDich: paid ? `GD${received.slice(2, 8)}${String(sequence).padStart(6, '0')}` : null,
    TrangThaiGD: paid ? '1' : '3',
    ThoiGianThanhToan: paid ? `${received.slice(0, 8)}${two(prng.int(8, 16))}${two(prng.int(0, 59))}00` : null,
  };
}

export function generateDossiers(
  prng: Prng,
  count: number,
  people: readonly Citizen[],
): {
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
      payments.set(p.MaThamChieu, p);
    }
    if (item.HinhThuc === '1' || (Number(item.TrangThaiHoSo) >= 9 && prng.chance(0.4))) {
      const code = `EB${prng.digits(9)}VN`;
      waybills.set(code, {
        MaVanDon: code,
        MaHoSo: item.MaHoSo,
        TrangThai: prng.pick(WAYBILL_STATES),
        CapNhatLuc: String(item.NgayHenTra),
      });
    }
  }
  return { dossiers, dossierProgress: new Map(), payments, waybills };
}
