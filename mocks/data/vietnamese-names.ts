import type { Prng } from './prng';

const list = (s: string): readonly string[] => s.split(',').map((x) => x.trim());

/** Weighted by repetition: Nguyễn, Trần and Lê dominate; Thân and Giáp are typical of Bắc Giang. */
const SURNAMES = list(
  'Nguyễn,Nguyễn,Nguyễn,Nguyễn,Trần,Trần,Lê,Lê,Phạm,Hoàng,Vũ,Đặng,Bùi,Đỗ,Ngô,Dương,Thân,Thân,Giáp,Hà,Đào,Lương,Chu,Nông',
);
const MIDDLE_MALE = list('Văn,Văn,Văn,Đức,Minh,Quang,Hữu,Công,Thành,Xuân,Đình');
const MIDDLE_FEMALE = list('Thị,Thị,Thị,Thu,Ngọc,Thanh,Minh,Hồng,Phương');
const GIVEN_MALE = list('An,Bình,Cường,Dũng,Đạt,Hải,Hiếu,Hùng,Huy,Khánh,Long,Mạnh,Nam,Phong,Quân,Sơn,Thắng,Toàn,Tuấn,Việt');
const GIVEN_FEMALE = list('Anh,Cúc,Dung,Giang,Hà,Hạnh,Hoa,Hương,Huyền,Lan,Linh,Mai,Ngọc,Nhung,Phương,Thảo,Trang,Vân,Yến');

export type Gender = 'Nam' | 'Nữ';

export interface PersonName {
  readonly Ho: string;
  readonly ChuDem: string;
  readonly Ten: string;
}

export function randomName(prng: Prng, gender: Gender, surname?: string): PersonName {
  const male = gender === 'Nam';
  return {
    Ho: surname ?? prng.pick(SURNAMES),
    ChuDem: prng.pick(male ? MIDDLE_MALE : MIDDLE_FEMALE),
    Ten: prng.pick(male ? GIVEN_MALE : GIVEN_FEMALE),
  };
}

export function fullName(name: PersonName): string {
  return [name.Ho, name.ChuDem, name.Ten].filter((part) => part !== '').join(' ');
}
