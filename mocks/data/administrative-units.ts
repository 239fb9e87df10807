/** Bắc Giang's district-level units and communes (the 2024 set: 10 districts, 209 communes). */
export interface District {
  readonly code: string;
  readonly name: string;
}

export interface Commune {
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
}

export const PROVINCE_CODE = '24';
export const PROVINCE_NAME = 'Bắc Giang';

const xa = (names: string): string[] => names.split(',').map((n) => `Xã ${n.trim()}`);

/** Real names; codes are GSO-style (07xxx, step 3) and only the anchor `07210` (Xã Tân Mỹ) is relied on. */
const UNITS: ReadonlyArray<{ code: string; name: string; communes: string[] }> = [
  {
    code: '213',
    name: 'Thành phố Bắc Giang',
    communes: [
      'Phường Thọ Xương',
      'Phường Trần Nguyên Hãn',
      'Phường Ngô Quyền',
      'Xã Tân Mỹ',
      'Phường Hoàng Văn Thụ',
      'Phường Trần Phú',
      'Phường Mỹ Độ',
      'Phường Lê Lợi',
      'Phường Xương Giang',
      'Phường Đa Mai',
      'Phường Dĩnh Kế',
      ...xa('Song Mai, Dĩnh Trì, Đồng Sơn, Song Khê, Tân Tiến'),
    ],
  },
  {
    code: '215',
    name: 'Huyện Yên Thế',
    communes: [
      'Thị trấn Phồn Xương',
      'Thị trấn Bố Hạ',
      ...xa(
        'Đồng Tiến, Canh Nậu, Xuân Lương, Tam Tiến, Đồng Vương, Đồng Hưu, Đồng Tâm, Tam Hiệp, Tiến Thắng, Hồng Kỳ, Đồng Lạc, Đông Sơn, Tân Hiệp, Hương Vĩ, Đồng Kỳ, An Thượng, Tân Sỏi',
      ),
    ],
  },
  {
    code: '216',
    name: 'Huyện Tân Yên',
    communes: [
      'Thị trấn Cao Thượng',
      'Thị trấn Nhã Nam',
      ...xa(
        'Lan Giới, Quang Tiến, Phúc Sơn, Đại Hóa, Quế Nham, Liên Chung, Phúc Hòa, An Dương, Hợp Đức, Lam Cốt, Cao Xá, Việt Lập, Ngọc Vân, Song Vân, Ngọc Thiện, Ngọc Châu, Ngọc Lý, Việt Ngọc, Liên Sơn, Tân Trung',
      ),
    ],
  },
  {
    code: '217',
    name: 'Huyện Lạng Giang',
    communes: [
      'Thị trấn Vôi',
      'Thị trấn Kép',
      ...xa(
        'Hương Sơn, Tân Hưng, Nghĩa Hòa, Nghĩa Hưng, Quang Thịnh, Hương Lạc, Tân Dĩnh, Thái Đào, Dương Đức, Tân Thanh, Mỹ Thái, Xương Lâm, Xuân Hương, Đào Mỹ, An Hà, Tiên Lục, Mỹ Hà, Đại Lâm, Yên Mỹ',
      ),
    ],
  },
  {
    code: '218',
    name: 'Huyện Lục Nam',
    communes: [
      'Thị trấn Đồi Ngô',
      'Thị trấn Phương Sơn',
      ...xa(
        'Tam Dị, Bảo Đài, Bảo Sơn, Thanh Lâm, Chu Điện, Lan Mẫu, Yên Sơn, Khám Lạng, Bắc Lũng, Cẩm Lý, Đan Hội, Huyền Sơn, Vũ Xá, Tiên Nha, Trường Sơn, Lục Sơn, Bình Sơn, Vô Tranh, Trường Giang, Cương Sơn, Nghĩa Phương, Đông Hưng, Đông Phú, Tiên Hưng',
      ),
    ],
  },
  {
    code: '219',
    name: 'Huyện Lục Ngạn',
    communes: [
      'Thị trấn Chũ',
      ...xa(
        'Phượng Sơn, Kiên Thành, Kiên Lao, Biên Sơn, Thanh Hải, Biển Động, Phì Điền, Giáp Sơn, Đồng Cốc, Tân Quang, Tân Hoa, Quý Sơn, Hồng Giang, Nghĩa Hồ, Trù Hựu, Mỹ An, Tân Lập, Tân Mộc, Kim Sơn, Phú Nhuận, Đèo Gia, Sơn Hải, Tân Sơn, Hộ Đáp, Cấm Sơn, Phong Minh, Phong Vân',
      ),
    ],
  },
  {
    code: '220',
    name: 'Huyện Sơn Động',
    communes: [
      'Thị trấn An Châu',
      'Thị trấn Tây Yên Tử',
      ...xa(
        'Vân Sơn, Hữu Sản, Đại Sơn, Phúc Sơn, Giáo Liêm, Cẩm Đàn, An Lạc, Vĩnh An, Yên Định, Lệ Viễn, An Bá, Tuấn Đạo, Dương Hưu, Long Sơn, Thanh Luận',
      ),
    ],
  },
  {
    code: '221',
    name: 'Huyện Yên Dũng',
    communes: [
      'Thị trấn Nham Biền',
      'Thị trấn Tân An',
      ...xa(
        'Lão Hộ, Hương Gián, Quỳnh Sơn, Nội Hoàng, Tiền Phong, Xuân Phú, Tân Liễu, Trí Yên, Lãng Sơn, Yên Lư, Tiến Dũng, Đức Giang, Cảnh Thụy, Tư Mại, Đồng Phúc, Đồng Việt',
      ),
    ],
  },
  {
    code: '222',
    name: 'Thị xã Việt Yên',
    communes: [
      'Phường Bích Động',
      'Phường Nếnh',
      'Phường Quảng Minh',
      'Phường Hồng Thái',
      'Phường Tăng Tiến',
      'Phường Tự Lạn',
      'Phường Vân Trung',
      'Phường Quang Châu',
      'Phường Ninh Sơn',
      ...xa('Minh Đức, Nghĩa Trung, Thượng Lan, Việt Tiến, Hương Mai, Trung Sơn, Tiên Sơn, Vân Hà, Hoàng Ninh, Bích Sơn'),
    ],
  },
  {
    code: '223',
    name: 'Huyện Hiệp Hòa',
    communes: [
      'Thị trấn Thắng',
      ...xa(
        'Đồng Tân, Thanh Vân, Hoàng Lương, Hoàng Vân, Hoàng Thanh, Hoàng An, Ngọc Sơn, Thái Sơn, Hòa Sơn, Đức Thắng, Quang Minh, Lương Phong, Hùng Sơn, Đại Thành, Thường Thắng, Hợp Thịnh, Danh Thắng, Mai Trung, Đoan Bái, Bắc Lý, Xuân Cẩm, Hương Lâm',
      ),
    ],
  },
];

export const DISTRICTS: readonly District[] = UNITS.map(({ code, name }) => ({ code, name }));

export const COMMUNES: readonly Commune[] = UNITS.flatMap((unit) => unit.communes.map((name) => ({ name, districtCode: unit.code }))).map(
  (c, i) => ({ ...c, code: String(7201 + 3 * i).padStart(5, '0') }),
);

const districtByCode = new Map(DISTRICTS.map((d) => [d.code, d]));
const communeByCode = new Map(COMMUNES.map((c) => [c.code, c]));

export function findCommune(code: string): Commune | undefined {
  return communeByCode.get(code);
}

/** "Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang" */
export function communeAddress(commune: Commune): string {
  const district = districtByCode.get(commune.districtCode);
  return `${commune.name}, ${district?.name ?? ''}, ${PROVINCE_NAME}`;
}
