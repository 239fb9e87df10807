import { COMMUNES, communeAddress, PROVINCE_CODE, type Commune } from './administrative-units';
import { createPrng, type Prng } from './prng';
import type { Citizen, CitizenAddress, ContributionPeriod, InsuranceRecord, PersonRef, Relative, ResidencyDetails } from './records';
import { fullName, randomName, type Gender } from './vietnamese-names';

const PHONE_PREFIXES = [
  '091',
  '094',
  '088',
  '098',
  '097',
  '096',
  '086',
  '033',
  '035',
  '038',
  '039',
  '081',
  '083',
  '085',
  '070',
  '077',
  '089',
  '090',
  '093',
];

const EMPLOYERS = [
  'Công ty Cổ phần May Bắc Giang',
  'Công ty TNHH Luxshare-ICT Vân Trung',
  'Bệnh viện Đa khoa tỉnh Bắc Giang',
  'Trường THPT Ngô Sĩ Liên',
  'Ủy ban nhân dân huyện Lục Ngạn',
  'Công ty Cổ phần Phân đạm và Hóa chất Hà Bắc',
  'Công ty TNHH Fuhong Precision Component Bắc Giang',
  'Công ty Cổ phần Xây dựng Giao thông Bắc Giang',
  'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh Bắc Giang',
  'Công ty TNHH Nông sản Lục Ngạn',
];

/** CCCD: province 024, a digit for century and gender, two for the birth year, six random. */
export function citizenId(prng: Prng, gender: Gender, year: number): string {
  const centuryDigit = (year >= 2000 ? 2 : 0) + (gender === 'Nữ' ? 1 : 0);
  return `024${centuryDigit}${String(year % 100).padStart(2, '0')}${prng.digits(6)}`;
}

function uniqueId(prng: Prng, taken: Set<string>, make: () => string): string {
  for (;;) {
    const id = make();
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function parent(prng: Prng, gender: Gender, childYear: number, surname: string | undefined, taken: Set<string>): PersonRef {
  const year = childYear - prng.int(20, 35);
  return {
    SoDinhDanh: uniqueId(prng, taken, () => citizenId(prng, gender, year)),
    HoVaTen: fullName(randomName(prng, gender, surname)),
  };
}

function contributions(prng: Prng): ContributionPeriod[] {
  const periods: ContributionPeriod[] = [];
  let monthIndex = 2024 * 12 - prng.int(60, 150);
  const count = prng.int(1, 4);
  for (let i = 0; i < count && monthIndex < 2024 * 12 + 2; i++) {
    const length = prng.int(6, 36);
    const end = Math.min(monthIndex + length - 1, 2024 * 12 + 1);
    const yyyymm = (m: number): string => `${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`;
    periods.push({ TuThang: yyyymm(monthIndex), DenThang: yyyymm(end), DonVi: prng.pick(EMPLOYERS), MucLuong: prng.int(45, 250) * 100000 });
    monthIndex = end + prng.int(1, 6);
  }
  return periods;
}

function citizen(prng: Prng, taken: Set<string>, bhxhTaken: Set<string>): Citizen {
  const gender: Gender = prng.chance(0.5) ? 'Nam' : 'Nữ';
  const year = prng.int(1945, 2015);
  const name = randomName(prng, gender);
  const birth = `${year}${String(prng.int(1, 12)).padStart(2, '0')}${String(prng.int(1, 28)).padStart(2, '0')}`;
  const working = year >= 1964 && year <= 2005 && prng.chance(0.5);
  return {
    SoDinhDanh: uniqueId(prng, taken, () => citizenId(prng, gender, year)),
    ...name,
    NgayThangNamSinh: birth,
    GioiTinh: gender,
    QueQuan: communeAddress(prng.pick(COMMUNES)),
    Cha: parent(prng, 'Nam', year, name.Ho, taken),
    Me: parent(prng, 'Nữ', year, undefined, taken),
    SoDienThoai: `${prng.pick(PHONE_PREFIXES)}${prng.digits(7)}`,
    MucDoDinhDanh: prng.chance(0.7) ? 2 : 1,
    MaSoBHXH: working ? uniqueId(prng, bhxhTaken, () => `24${prng.digits(8)}`) : null,
  };
}

export function generatePeople(prng: Prng, count: number): { citizens: Map<string, Citizen>; insurance: Map<string, InsuranceRecord> } {
  const taken = new Set<string>();
  const bhxhTaken = new Set<string>();
  const citizens = new Map<string, Citizen>();
  const insurance = new Map<string, InsuranceRecord>();
  for (let i = 0; i < count; i++) {
    const c = citizen(prng, taken, bhxhTaken);
    citizens.set(c.SoDinhDanh, c);
    if (c.MaSoBHXH !== null) {
      insurance.set(c.MaSoBHXH, { MaSoBHXH: c.MaSoBHXH, HoTen: fullName(c), SoDinhDanh: c.SoDinhDanh, QuaTrinh: contributions(prng) });
    }
  }
  return { citizens, insurance };
}

/** Ethnic groups of Bắc Giang, as codes of the national catalogue (01 Kinh, 02 Tày, 07 Nùng, 36 Sán Dìu). */
const ETHNIC_CODES = ['01', '01', '01', '01', '01', '01', '01', '02', '07', '36'];
const HAMLETS = ['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn Đông', 'Thôn Tây', 'Tổ dân phố số 4', 'Tổ dân phố số 7', 'Xóm Chùa'];

const communeByText = new Map(COMMUNES.map((c) => [communeAddress(c), c]));

function structured(commune: Commune, detail?: string): CitizenAddress {
  const text = communeAddress(commune);
  return {
    MaTinhThanh: PROVINCE_CODE,
    MaQuanHuyen: commune.districtCode,
    MaPhuongXa: commune.code,
    ChiTiet: detail ? `${detail}, ${text}` : text,
    QuocGia: 'VN',
  };
}

export function relative(ref: PersonRef): Relative {
  return { HoVaTen: ref.HoVaTen, QuocTich: 'VN', SoDinhDanh: ref.SoDinhDanh, SoCMND: '' };
}

/**
 * The population database's view of a citizen: derived from the citizen's id with a PRNG of
 * its own, so it is stable per citizen and the shared generation sequence stays as it was.
 */
export function residencyDetails(c: Citizen): ResidencyDetails {
  const prng = createPrng(Number(c.SoDinhDanh.slice(3)));
  const year = Number(c.NgayThangNamSinh.slice(0, 4));
  const home = communeByText.get(c.QueQuan) ?? prng.pick(COMMUNES);
  const residence = prng.chance(0.6) ? home : prng.pick(COMMUNES);
  const thuongTru = structured(residence, prng.pick(HAMLETS));
  const adult = year <= 2006;
  const married = adult && prng.chance(0.6);
  const spouseGender = c.GioiTinh === 'Nam' ? 'Nữ' : 'Nam';
  const spouseYear = year + prng.int(-4, 4);
  const soCMND = year < 2000 ? `12${prng.digits(7)}` : '';
  const self = { SoDinhDanh: c.SoDinhDanh, SoCMND: soCMND, HoVaTen: fullName(c) };
  const head = adult || c.Cha === null ? { QuanHe: 'CH01', ...self } : { QuanHe: 'CON', ...relative(c.Cha) };
  return {
    SoCMND: soCMND,
    MaGioiTinh: c.GioiTinh === 'Nam' ? '1' : '2',
    DanToc: prng.pick(ETHNIC_CODES),
    TonGiao: prng.chance(0.9) ? '00' : '01',
    TinhTrangHonNhan: married ? '2' : '1',
    QuocTich: 'VN',
    NoiDangKyKhaiSinh: structured(home),
    QueQuan: structured(home),
    ThuongTru: thuongTru,
    NoiOHienTai: prng.chance(0.85) ? thuongTru : structured(prng.pick(COMMUNES), prng.pick(HAMLETS)),
    VoChong: married
      ? {
          HoVaTen: fullName(randomName(prng, spouseGender)),
          QuocTich: 'VN',
          SoDinhDanh: citizenId(prng, spouseGender, spouseYear),
          SoCMND: '',
        }
      : null,
    ChuHo: { QuanHe: head.QuanHe, SoDinhDanh: head.SoDinhDanh, SoCMND: head.SoCMND, HoVaTen: head.HoVaTen },
    SoSoHoKhau: `${PROVINCE_CODE}${prng.digits(7)}`,
  };
}
