import { COMMUNES, DISTRICTS, PROVINCE_CODE } from './administrative-units';

/** One entry of a shared catalogue (`DanhSach` item). */
export interface CatalogueEntry {
  readonly Ma: string;
  readonly Ten: string;
  readonly MaCha: string | null;
}

export interface Catalogue {
  readonly MaDanhMuc: string;
  readonly TenDanhMuc: string;
  readonly PhienBan: string;
  readonly DanhSach: readonly CatalogueEntry[];
}

const ETHNIC_GROUPS = ('Kinh,Tày,Thái,Hoa,Khơ-me,Mường,Nùng,Hmông,Dao,Gia-rai,Ngái,Ê-đê,Ba-na,Xơ-đăng,Sán Chay,Cơ-ho,Chăm,'
  + 'Sán Dìu,Hrê,Mnông,Ra-glai,Xtiêng,Bru-Vân Kiều,Thổ,Giáy,Cơ-tu,Gié-Triêng,Mạ,Khơ-mú,Co,Tà-ôi,Chơ-ro,Kháng,Xinh-mun,'
  + 'Hà Nhì,Chu-ru,Lào,La Chí,La Ha,Phù Lá,La Hủ,Lự,Lô Lô,Chứt,Mảng,Pà Thẻn,Cơ Lao,Cống,Bố Y,Si La,Pu Péo,Brâu,Ơ Đu,Rơ-măm').split(',');

const NATIONALITIES: ReadonlyArray<[string, string]> = [
  ['VN', 'Việt Nam'], ['LA', 'Lào'], ['KH', 'Campuchia'], ['CN', 'Trung Quốc'], ['KR', 'Hàn Quốc'],
  ['JP', 'Nhật Bản'], ['TW', 'Đài Loan (Trung Quốc)'], ['US', 'Hoa Kỳ'], ['TH', 'Thái Lan'], ['SG', 'Xin-ga-po'],
];

const flat = (pairs: ReadonlyArray<[string, string]>): CatalogueEntry[] => pairs.map(([Ma, Ten]) => ({ Ma, Ten, MaCha: null }));

export function buildCatalogues(): Map<string, Catalogue> {
  const dvhc: CatalogueEntry[] = [
    ...DISTRICTS.map((d) => ({ Ma: d.code, Ten: d.name, MaCha: PROVINCE_CODE })),
    ...COMMUNES.map((c) => ({ Ma: c.code, Ten: c.name, MaCha: c.districtCode })),
  ];
  const catalogues: Catalogue[] = [
    { MaDanhMuc: 'DM_DVHC', TenDanhMuc: 'Danh mục đơn vị hành chính tỉnh Bắc Giang', PhienBan: '2024.1', DanhSach: dvhc },
    {
      MaDanhMuc: 'DM_DANTOC', TenDanhMuc: 'Danh mục các dân tộc Việt Nam', PhienBan: '1979.1',
      DanhSach: ETHNIC_GROUPS.map((Ten, i) => ({ Ma: String(i + 1).padStart(2, '0'), Ten, MaCha: null })),
    },
    { MaDanhMuc: 'DM_GIOITINH', TenDanhMuc: 'Danh mục giới tính', PhienBan: '2019.1', DanhSach: flat([['1', 'Nam'], ['2', 'Nữ'], ['0', 'Chưa có thông tin']]) },
    { MaDanhMuc: 'DM_QUOCTICH', TenDanhMuc: 'Danh mục quốc tịch', PhienBan: '2020.1', DanhSach: flat(NATIONALITIES) },
  ];
  return new Map(catalogues.map((c) => [c.MaDanhMuc, c]));
}
