import { COMMUNES, DISTRICTS, PROVINCE_CODE } from './administrative-units';
import { CENTRAL_ORGANS, PROVINCIAL_ORGANS } from './organs';

/** One property of a shared catalogue as `GET /dmdc/Metadata/{code}` describes it. */
export interface CatalogueProperty {
  readonly PropertyCode: string;
  readonly PropertyName: string;
  readonly PropertyType: 'String' | 'DateTime' | 'Number';
}

/** A shared catalogue: its code (`madantoc`), the properties of its items, and the items `GET /dmdc/Category/{code}` lists. */
export interface Catalogue {
  readonly code: string;
  readonly name: string;
  readonly properties: readonly CatalogueProperty[];
  readonly items: ReadonlyArray<Readonly<Record<string, string | number | null>>>;
}

const prop = (
  PropertyCode: string,
  PropertyName: string,
  PropertyType: CatalogueProperty['PropertyType'] = 'String',
): CatalogueProperty => ({ PropertyCode, PropertyName, PropertyType });

/** The decision columns every catalogue of the guide carries (the QLVBĐH cấp 1 example documents them). */
const DECISION = [
  prop('QdBanHanhQdSuaDoi', 'QĐ ban hành/ QĐ sửa đổi'),
  prop('NgayBanHanhQd', 'Ngày ban hành QĐ', 'DateTime'),
  prop('CoQuanBanHanhQd', 'Cơ Quan ban hành QĐ'),
];
const decided = (qd: string, day: string, by: string) => ({ QdBanHanhQdSuaDoi: qd, NgayBanHanhQd: day, CoQuanBanHanhQd: by });
/** Where the mock does not know the decision behind a catalogue it says nothing rather than invent one. */
const UNKNOWN_DECISION = { QdBanHanhQdSuaDoi: null, NgayBanHanhQd: null, CoQuanBanHanhQd: null };
/** The national administrative-unit code list (Quyết định 124/2004/QĐ-TTg). */
const DVHC_DECISION = decided('124/2004/QĐ-TTg', '08/07/2004', 'Thủ tướng Chính phủ');

/** GSO codes of the 63 provinces. */
const PROVINCES = (
  '01 Thành phố Hà Nội|02 Tỉnh Hà Giang|04 Tỉnh Cao Bằng|06 Tỉnh Bắc Kạn|08 Tỉnh Tuyên Quang|10 Tỉnh Lào Cai|11 Tỉnh Điện Biên|' +
  '12 Tỉnh Lai Châu|14 Tỉnh Sơn La|15 Tỉnh Yên Bái|17 Tỉnh Hoà Bình|19 Tỉnh Thái Nguyên|20 Tỉnh Lạng Sơn|22 Tỉnh Quảng Ninh|' +
  '24 Tỉnh Bắc Giang|25 Tỉnh Phú Thọ|26 Tỉnh Vĩnh Phúc|27 Tỉnh Bắc Ninh|30 Tỉnh Hải Dương|31 Thành phố Hải Phòng|33 Tỉnh Hưng Yên|' +
  '34 Tỉnh Thái Bình|35 Tỉnh Hà Nam|36 Tỉnh Nam Định|37 Tỉnh Ninh Bình|38 Tỉnh Thanh Hóa|40 Tỉnh Nghệ An|42 Tỉnh Hà Tĩnh|' +
  '44 Tỉnh Quảng Bình|45 Tỉnh Quảng Trị|46 Tỉnh Thừa Thiên Huế|48 Thành phố Đà Nẵng|49 Tỉnh Quảng Nam|51 Tỉnh Quảng Ngãi|' +
  '52 Tỉnh Bình Định|54 Tỉnh Phú Yên|56 Tỉnh Khánh Hòa|58 Tỉnh Ninh Thuận|60 Tỉnh Bình Thuận|62 Tỉnh Kon Tum|64 Tỉnh Gia Lai|' +
  '66 Tỉnh Đắk Lắk|67 Tỉnh Đắk Nông|68 Tỉnh Lâm Đồng|70 Tỉnh Bình Phước|72 Tỉnh Tây Ninh|74 Tỉnh Bình Dương|75 Tỉnh Đồng Nai|' +
  '77 Tỉnh Bà Rịa - Vũng Tàu|79 Thành phố Hồ Chí Minh|80 Tỉnh Long An|82 Tỉnh Tiền Giang|83 Tỉnh Bến Tre|84 Tỉnh Trà Vinh|' +
  '86 Tỉnh Vĩnh Long|87 Tỉnh Đồng Tháp|89 Tỉnh An Giang|91 Tỉnh Kiên Giang|92 Thành phố Cần Thơ|93 Tỉnh Hậu Giang|' +
  '94 Tỉnh Sóc Trăng|95 Tỉnh Bạc Liêu|96 Tỉnh Cà Mau'
)
  .split('|')
  .map((entry) => [entry.slice(0, 2), entry.slice(3)] as const);

const ETHNIC_GROUPS = (
  'Kinh,Tày,Thái,Hoa,Khơ-me,Mường,Nùng,Hmông,Dao,Gia-rai,Ngái,Ê-đê,Ba-na,Xơ-đăng,Sán Chay,Cơ-ho,Chăm,' +
  'Sán Dìu,Hrê,Mnông,Ra-glai,Xtiêng,Bru-Vân Kiều,Thổ,Giáy,Cơ-tu,Gié-Triêng,Mạ,Khơ-mú,Co,Tà-ôi,Chơ-ro,Kháng,Xinh-mun,' +
  'Hà Nhì,Chu-ru,Lào,La Chí,La Ha,Phù Lá,La Hủ,Lự,Lô Lô,Chứt,Mảng,Pà Thẻn,Cơ Lao,Cống,Bố Y,Si La,Pu Péo,Brâu,Ơ Đu,Rơ-măm'
).split(',');

const NATIONALITIES: ReadonlyArray<[string, string]> = [
  ['VN', 'Việt Nam'],
  ['LA', 'Lào'],
  ['KH', 'Campuchia'],
  ['CN', 'Trung Quốc'],
  ['KR', 'Hàn Quốc'],
  ['JP', 'Nhật Bản'],
  ['TW', 'Đài Loan (Trung Quốc)'],
  ['US', 'Hoa Kỳ'],
  ['TH', 'Thái Lan'],
  ['SG', 'Xin-ga-po'],
];

const unitKind = (name: string): string =>
  name
    .split(' ')
    .slice(0, name.startsWith('Thành phố') || name.startsWith('Thị xã') || name.startsWith('Thị trấn') ? 2 : 1)
    .join(' ');

function administrativeUnits(): Catalogue[] {
  return [
    {
      code: 'donvihanhchinhcap1',
      name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 1 (Tỉnh)',
      properties: [prop('MaTinh', 'Mã tỉnh'), prop('TenTinh', 'Tên tỉnh'), prop('CapHanhChinh', 'Cấp hành chính'), ...DECISION],
      items: PROVINCES.map(([MaTinh, TenTinh]) => ({ MaTinh, TenTinh, CapHanhChinh: unitKind(TenTinh), ...DVHC_DECISION })),
    },
    {
      code: 'donvihanhchinhcap2',
      name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 2 (Quận, Huyện)',
      properties: [
        prop('MaHuyen', 'Mã quận/huyện'),
        prop('TenHuyen', 'Tên quận/huyện'),
        prop('CapHanhChinh', 'Cấp hành chính'),
        prop('MaTinh', 'Mã tỉnh'),
        ...DECISION,
      ],
      items: DISTRICTS.map((d) => ({
        MaHuyen: d.code,
        TenHuyen: d.name,
        CapHanhChinh: unitKind(d.name),
        MaTinh: PROVINCE_CODE,
        ...DVHC_DECISION,
      })),
    },
    {
      code: 'donvihanhchinhcap3',
      name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 3 (Phường, Xã)',
      properties: [
        prop('MaXa', 'Mã phường/xã'),
        prop('TenXa', 'Tên phường/xã'),
        prop('CapHanhChinh', 'Cấp hành chính'),
        prop('MaHuyen', 'Mã quận/huyện'),
        prop('MaTinh', 'Mã tỉnh'),
        ...DECISION,
      ],
      items: COMMUNES.map((c) => ({
        MaXa: c.code,
        TenXa: c.name,
        CapHanhChinh: unitKind(c.name),
        MaHuyen: c.districtCode,
        MaTinh: PROVINCE_CODE,
        ...DVHC_DECISION,
      })),
    },
  ];
}

function peopleCatalogues(): Catalogue[] {
  return [
    {
      code: 'madantoc',
      name: 'Danh mục và mã các dân tộc',
      properties: [prop('MaDanToc', 'Mã dân tộc'), prop('TenDanToc', 'Tên dân tộc'), ...DECISION],
      items: ETHNIC_GROUPS.map((TenDanToc, i) => ({
        MaDanToc: String(i + 1).padStart(2, '0'),
        TenDanToc,
        ...decided('121-TCTK/PPCĐ', '02/03/1979', 'Tổng cục Thống kê'),
      })),
    },
    {
      code: 'magioitinh',
      name: 'Danh mục và mã giới tính',
      properties: [prop('MaGioiTinh', 'Mã giới tính'), prop('TenGioiTinh', 'Tên giới tính'), ...DECISION],
      items: [
        ['0', 'Chưa có thông tin'],
        ['1', 'Nam'],
        ['2', 'Nữ'],
      ].map(([MaGioiTinh, TenGioiTinh]) => ({ MaGioiTinh: MaGioiTinh!, TenGioiTinh: TenGioiTinh!, ...UNKNOWN_DECISION })),
    },
    {
      code: 'maquocgia',
      name: 'Danh mục và mã Quốc gia, quốc tịch',
      properties: [prop('MaQuocGia', 'Mã quốc gia'), prop('TenQuocGia', 'Tên quốc gia'), ...DECISION],
      items: NATIONALITIES.map(([MaQuocGia, TenQuocGia]) => ({ MaQuocGia, TenQuocGia, ...UNKNOWN_DECISION })),
    },
  ];
}

/** The agency-code catalogue, with exactly the properties the published guide shows for it. */
function agencyCodes(): Catalogue {
  const provincial = PROVINCIAL_ORGANS.filter((o) => o.OrganId.startsWith('000.00.00.'));
  return {
    code: 'qlvanbandieuhanhcap1',
    name: 'Danh mục và mã định danh kết nối các hệ thống QLVBĐH cấp 1',
    properties: [
      prop('MaDinhDanhCap1', 'Mã định danh cấp 1'),
      prop('TenDonVi', 'Tên đơn vị'),
      prop('DiaChi', 'Địa chỉ'),
      prop('Email', 'Email'),
      prop('SoDienThoai', 'Số điện thoại'),
      prop('Fax', 'Fax'),
      prop('Website', 'Website'),
      ...DECISION,
    ],
    items: [...CENTRAL_ORGANS, ...provincial].map((o) => ({
      MaDinhDanhCap1: o.OrganId,
      TenDonVi: o.OrganName,
      DiaChi: null,
      Email: null,
      SoDienThoai: null,
      Fax: null,
      Website: null,
      ...decided('20/2020/QĐ-TTg', '22/07/2020', 'Thủ tướng Chính phủ'),
    })),
  };
}

/** By catalogue code, as `/dmdc/Category/{code}` names them. */
export function buildCatalogues(): Map<string, Catalogue> {
  return new Map([...administrativeUnits(), ...peopleCatalogues(), agencyCodes()].map((c) => [c.code, c]));
}
