import { COMMUNES, communeAddress } from './administrative-units';
import type { Prng } from './prng';
import { parcelKey, type Citizen, type Parcel } from './records';
import { fullName } from './vietnamese-names';

const LAND_USES = [
  'ONT - Đất ở tại nông thôn',
  'ODT - Đất ở tại đô thị',
  'LUC - Đất chuyên trồng lúa nước',
  'CLN - Đất trồng cây lâu năm',
  'RSX - Đất rừng sản xuất',
  'BHK - Đất bằng trồng cây hàng năm khác',
];

export function generateParcels(prng: Prng, count: number, people: readonly Citizen[]): Map<string, Parcel> {
  const parcels = new Map<string, Parcel>();
  while (parcels.size < count) {
    const commune = prng.pick(COMMUNES);
    const soTo = String(prng.int(1, 60));
    const soThua = String(prng.int(1, 999));
    const owner = prng.pick(people);
    const coOwner = prng.chance(0.4) ? [{ HoTen: fullName(prng.pick(people)), LoaiDoiTuong: 'Cá nhân' }] : [];
    parcels.set(parcelKey(commune.code, soTo, soThua), {
      MaXa: commune.code,
      SoTo: soTo,
      SoThua: soThua,
      DienTich: prng.int(500, 50000) / 10,
      MucDichSuDung: prng.pick(LAND_USES),
      DiaChi: `Thôn ${prng.int(1, 12)}, ${communeAddress(commune)}`,
      ChuSuDung: [{ HoTen: fullName(owner), LoaiDoiTuong: 'Hộ gia đình, cá nhân' }, ...coOwner],
    });
  }
  return parcels;
}
