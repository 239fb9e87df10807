import { COMMUNES, communeAddress, DISTRICTS, PROVINCE_CODE, PROVINCE_NAME } from './administrative-units';
import { createPrng, type Prng } from './prng';
import type { Business, Citizen, TaxNotice } from './records';
import { vnDate, ymd } from './time-format';
import { fullName, randomName } from './vietnamese-names';

const TRADES: ReadonlyArray<{ Ma: string; Ten: string; word: string; english: string }> = [
  { Ma: '0121', Ten: 'Trồng cây ăn quả', word: 'Nông sản', english: 'Agricultural Products' },
  { Ma: '1030', Ten: 'Chế biến và bảo quản rau quả', word: 'Thực phẩm Xanh', english: 'Green Food' },
  { Ma: '1410', Ten: 'May trang phục (trừ trang phục từ da lông thú)', word: 'May mặc', english: 'Garment' },
  { Ma: '4101', Ten: 'Xây dựng nhà để ở', word: 'Xây dựng', english: 'Construction' },
  { Ma: '4632', Ten: 'Bán buôn thực phẩm', word: 'Thương mại', english: 'Trading' },
  { Ma: '4933', Ten: 'Vận tải hàng hóa bằng đường bộ', word: 'Vận tải', english: 'Transport' },
  { Ma: '2610', Ten: 'Sản xuất linh kiện điện tử', word: 'Điện tử', english: 'Electronics' },
  { Ma: '5510', Ten: 'Dịch vụ lưu trú ngắn ngày', word: 'Du lịch', english: 'Tourism' },
];
const PLACES = ['Bắc Giang', 'Lục Ngạn', 'Việt Yên', 'Hiệp Hòa', 'Yên Thế', 'Kinh Bắc', 'Sông Thương', 'Tây Yên Tử'];
const FORMS: ReadonlyArray<{ vi: string; en: string }> = [
  { vi: 'Công ty TNHH', en: 'Company Limited' },
  { vi: 'Công ty Cổ phần', en: 'Joint Stock Company' },
];
const STATES = ['Đang hoạt động', 'Đang hoạt động', 'Đang hoạt động', 'Tạm ngừng kinh doanh', 'Đã giải thể'];

function business(prng: Prng, code: string, representative: Citizen): Business {
  const trade = prng.pick(TRADES);
  const place = prng.pick(PLACES);
  const form = prng.pick(FORMS);
  const founded = vnDate(prng.int(2005, 2023), prng.int(1, 12), prng.int(1, 28));
  return {
    MaSoDoanhNghiep: code,
    TenDoanhNghiep: `${form.vi} ${trade.word} ${place}`,
    TenTiengAnh: `${place
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'D')} ${trade.english} ${form.en}`,
    DiaChiTruSo: `Số ${prng.int(1, 300)}, ${communeAddress(prng.pick(COMMUNES))}`,
    NguoiDaiDien: fullName(representative),
    NgayThanhLap: ymd(founded),
    TinhTrang: prng.pick(STATES),
    NganhNghe: [{ Ma: trade.Ma, Ten: trade.Ten }, ...(prng.chance(0.5) ? [{ Ma: '4632', Ten: 'Bán buôn thực phẩm' }] : [])],
  };
}

function notices(prng: Prng, prefix: number): TaxNotice[] {
  return Array.from({ length: prng.int(0, 3) }, (_, i) => {
    const due = vnDate(2024, prng.int(1, 6), prng.int(1, 28));
    return {
      MaThongBao: `TB-2024-${String(prefix * 10 + i).padStart(6, '0')}`,
      MaHoSo: `H06.${prng.int(10, 40)}-${ymd(due).slice(2)}-${prng.digits(4)}`,
      SoTien: prng.int(5, 500) * 10000,
      HanNop: ymd(due),
      TrangThai: prng.pick(['CHUA_NOP', 'DA_NOP', 'DA_NOP']),
    };
  });
}

export function generateOrganisations(
  prng: Prng,
  count: number,
  people: readonly Citizen[],
): {
  businesses: Map<string, Business>;
  taxNotices: Map<string, TaxNotice[]>;
} {
  const businesses = new Map<string, Business>();
  const taxNotices = new Map<string, TaxNotice[]>();
  for (let i = 0; businesses.size < count; i++) {
    const code = `24${prng.digits(8)}`;
    if (businesses.has(code)) continue;
    businesses.set(code, business(prng, code, prng.pick(people)));
    const list = notices(prng, i + 1);
    if (list.length > 0) taxNotices.set(code, list);
  }
  return { businesses, taxNotices };
}

/** Legal forms as the registry names them (ids are this mock's: no public list of ENTERPRISE_TYPE_ID was found). */
const LEGAL_FORMS: Readonly<Record<string, { id: string; name: string; short: string }>> = {
  'Công ty TNHH': { id: '2', name: 'Công ty trách nhiệm hữu hạn hai thành viên trở lên', short: 'CO., LTD' },
  'Công ty Cổ phần': { id: '4', name: 'Công ty cổ phần', short: 'JSC' },
};
/** ENTERPRISE_STATUS is a code of at most 10 characters; these values are modelled. */
const STATUS_CODES: Readonly<Record<string, string>> = { 'Đang hoạt động': '1', 'Tạm ngừng kinh doanh': '2', 'Đã giải thể': '3' };

const dmy = (yyyyMMdd: string): string => `${yyyyMMdd.slice(6, 8)}/${yyyyMMdd.slice(4, 6)}/${yyyyMMdd.slice(0, 4)}`;
const upperAscii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'D')
    .toUpperCase();

/** The head-office address split the way the registry keeps it (ids are numbers there: a commune code loses its leading zero). */
function headOffice(address: string): Record<string, string | number | null> {
  const commune = COMMUNES.find((c) => address.endsWith(communeAddress(c)));
  const district = DISTRICTS.find((d) => d.code === commune?.districtCode);
  return {
    CityID: Number(PROVINCE_CODE),
    CityName: `Tỉnh ${PROVINCE_NAME}`,
    DistrictID: district ? Number(district.code) : null,
    DistrictName: district?.name ?? null,
    WardID: commune ? Number(commune.code) : null,
    WardName: commune?.name ?? null,
    StreetNumber: commune ? address.slice(0, address.length - communeAddress(commune).length).replace(/,\s*$/, '') : address,
    AddressFullText: address,
  };
}

function members(prng: Prng, business: Business, capital: number): Array<Record<string, string | number>> {
  const others = Array.from({ length: prng.int(1, 2) }, () => fullName(randomName(prng, prng.chance(0.5) ? 'Nam' : 'Nữ')));
  const names = [business.NguoiDaiDien, ...others];
  const shares = names.length === 2 ? [60, 40] : [50, 30, 20];
  return names.map((MEMBER_NAME, i) => ({
    MEMBER_NAME,
    AMOUNT: (capital * shares[i]!) / 100,
    RATIO_PERCENT: shares[i]!,
    COUNTRY: 'Việt Nam',
  }));
}

/**
 * A business as `chiTietDoanhNghiep` answers it (the provincial guide's field list): derived
 * from the mock's record, the extra figures seeded by the code so they never change.
 */
export function enterpriseDetail(business: Business): Record<string, unknown> {
  const prng = createPrng(Number(business.MaSoDoanhNghiep.slice(0, 10)));
  const form = Object.entries(LEGAL_FORMS).find(([prefix]) => business.TenDoanhNghiep.startsWith(prefix))?.[1] ?? {
    id: '2',
    name: 'Công ty trách nhiệm hữu hạn hai thành viên trở lên',
    short: 'CO., LTD',
  };
  const capital = prng.int(1, 50) * 500_000_000;
  const changes = prng.int(0, 4);
  const founded = business.NgayThanhLap;
  const amended = changes > 0 ? `${Math.min(2024, Number(founded.slice(0, 4)) + changes)}${founded.slice(4)}` : null;
  const representatives = business.NguoiDaiDien.split(';').map((name) => ({ FULL_NAME: name.trim() }));
  return {
    MainInformation: {
      ENTERPRISE_ID: Number(business.MaSoDoanhNghiep.slice(2, 10)),
      ENTERPRISE_GDT_CODE: business.MaSoDoanhNghiep,
      IMP_BUSINESS_CODE: `20${business.MaSoDoanhNghiep.slice(2, 10)}`,
      ENTERPRISE_TYPE_ID: form.id,
      ENTERPRISE_TYPE_NAME: form.name,
      NAME: business.TenDoanhNghiep,
      SHORT_NAME: `${upperAscii(business.TenTiengAnh.replace(/ (Company Limited|Joint Stock Company)$/, ''))} ${form.short}`,
      NAME_F: business.TenTiengAnh,
      FOUNDING_DATE: dmy(founded),
      LAST_AMEND_DATE: amended ? dmy(amended) : null,
      NUMBER_CHANGES: changes,
      ENTERPRISE_STATUS: STATUS_CODES[business.TinhTrang] ?? '1',
      ENTERPRISE_STATUS_NAME: business.TinhTrang,
      LEGAL_NAMES: business.NguoiDaiDien,
      CAPITAL_AMOUNT: capital,
    },
    HOAdress: headOffice(business.DiaChiTruSo),
    BusinessActivity: business.NganhNghe.map((n, i) => ({ CODE: n.Ma, NAME: n.Ten, IS_MAIN: i === 0 ? 'Y' : 'N' })),
    // One representative comes as an object, several as an array (clients of the real service read both).
    Representatives: representatives.length === 1 ? representatives[0] : representatives,
    Member: members(prng, business, capital),
    DataCount: 1,
    Status: '1',
    Message: 'success',
  };
}
