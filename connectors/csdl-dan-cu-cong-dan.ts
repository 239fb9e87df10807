import { asArray, asRecord, badResponse, needString, optString } from '../src/connector-kit/answer';
import { ymdToIso } from '../src/connector-kit/vn-time';

/** An address as the population database structures it, in provincial JSON. */
export interface DiaChi {
  maTinhThanh: string | null;
  maQuanHuyen: string | null;
  maPhuongXa: string | null;
  chiTiet: string | null;
  quocGia: string | null;
}

const GENDERS: Readonly<Record<string, string>> = { '0': 'Chưa có thông tin', '1': 'Nam', '2': 'Nữ' };

function record(value: unknown): Record<string, unknown> | null {
  return value === undefined || value === null || value === '' ? null : asRecord(value, 'record');
}

function diaChi(value: unknown): DiaChi | null {
  const a = record(value);
  if (a === null) return null;
  return {
    maTinhThanh: optString(a, 'MaTinhThanh'),
    maQuanHuyen: optString(a, 'MaQuanHuyen'),
    maPhuongXa: optString(a, 'MaPhuongXa'),
    chiTiet: optString(a, 'ChiTiet'),
    quocGia: optString(a, 'QuocGia'),
  };
}

function nguoiThan(
  value: unknown,
): { soDinhDanh: string | null; hoVaTen: string | null; soCMND: string | null; quocTich: string | null } | null {
  const p = record(value);
  if (p === null) return null;
  return {
    soDinhDanh: optString(p, 'SoDinhDanh'),
    hoVaTen: optString(p, 'HoVaTen'),
    soCMND: optString(p, 'SoCMND'),
    quocTich: optString(p, 'QuocTich'),
  };
}

function chuHo(value: unknown): { quanHe: string | null; soDinhDanh: string | null; soCMND: string | null; hoVaTen: string | null } | null {
  const p = record(value);
  if (p === null) return null;
  return {
    quanHe: optString(p, 'QuanHe'),
    soDinhDanh: optString(p, 'SoDinhDanh'),
    soCMND: optString(p, 'SoCMND'),
    hoVaTen: optString(p, 'HoVaTen'),
  };
}

/** `NgayThangNamSinh{Nam, NgayThangNam}`: people registered with a birth year only have no day. */
function birth(value: unknown): { ngaySinh: string | null; namSinh: string | null } {
  const b = record(value);
  const ymd = b === null ? null : optString(b, 'NgayThangNam');
  const year = b === null ? null : optString(b, 'Nam');
  try {
    return { ngaySinh: ymdToIso(ymd), namSinh: year ?? ymd?.slice(0, 4) ?? null };
  } catch (err) {
    throw badResponse("The provider's NgayThangNam is not yyyyMMdd", err);
  }
}

/**
 * Maps the first `CongdanCollection/CongDan` to provincial JSON. Today's fields keep their
 * names (`queQuan` stays the address as text); the structured addresses sit under `diaChi`.
 */
export function congDanToJson(answer: unknown): Record<string, unknown> {
  const c = asRecord(asArray(asRecord(answer, 'CongdanCollection')['CongDan'])[0], 'CongDan');
  const ten = asRecord(c['HoVaTen'], 'HoVaTen');
  const ho = optString(ten, 'Ho');
  const chuDem = optString(ten, 'ChuDem');
  const maGioiTinh = optString(c, 'GioiTinh');
  const addresses = {
    noiDangKyKhaiSinh: diaChi(c['NoiDangKyKhaiSinh']),
    queQuan: diaChi(c['QueQuan']),
    thuongTru: diaChi(c['ThuongTru']),
    noiOHienTai: diaChi(c['NoiOHienTai']),
  };
  return {
    soDinhDanh: needString(c, 'SoDinhDanh'),
    soCMND: optString(c, 'SoCMND'),
    hoVaTen: [ho, chuDem, optString(ten, 'Ten')].filter((p): p is string => p !== null).join(' '),
    ho,
    chuDem,
    ten: needString(ten, 'Ten'),
    ...birth(c['NgayThangNamSinh']),
    gioiTinh: maGioiTinh === null ? null : (GENDERS[maGioiTinh] ?? maGioiTinh),
    maGioiTinh,
    danToc: optString(c, 'DanToc'),
    tonGiao: optString(c, 'TonGiao'),
    tinhTrangHonNhan: optString(c, 'TinhTrangHonNhan'),
    quocTich: optString(c, 'QuocTich'),
    queQuan: addresses.queQuan?.chiTiet ?? null,
    diaChi: addresses,
    cha: nguoiThan(c['Cha']),
    me: nguoiThan(c['Me']),
    voChong: nguoiThan(c['VoChong']),
    chuHo: chuHo(c['ChuHo']),
    soSoHoKhau: optString(c, 'SoSoHoKhau'),
  };
}
