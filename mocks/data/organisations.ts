import { COMMUNES, communeAddress } from './administrative-units';
import type { Prng } from './prng';
import type { Business, Citizen, TaxNotice } from './records';
import { vnDate, ymd } from './time-format';
import { fullName } from './vietnamese-names';

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
    TenTiengAnh: `${place.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'D')} ${trade.english} ${form.en}`,
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

export function generateOrganisations(prng: Prng, count: number, people: readonly Citizen[]): {
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
