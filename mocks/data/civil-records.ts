import { COMMUNES } from './administrative-units';
import type { Prng } from './prng';
import type { BirthRegistration, Citizen, JudicialRequest } from './records';
import { addDays, vnDate, ymd } from './time-format';
import { fullName, randomName } from './vietnamese-names';

function birthRegistration(prng: Prng, index: number, dossierCodes: readonly string[]): BirthRegistration {
  const born = vnDate(2023, prng.int(6, 12), prng.int(1, 28));
  return {
    SoDangKy: `KS-${index < 20 ? 2023 : 2024}-${String(index + 1).padStart(6, '0')}`,
    MaHoSo: prng.pick(dossierCodes),
    HoTen: fullName(randomName(prng, prng.chance(0.5) ? 'Nam' : 'Nữ')),
    NgaySinh: ymd(born),
    NgayDangKy: ymd(addDays(born, prng.int(3, 60))),
    NoiDangKy: `Ủy ban nhân dân ${prng.pick(COMMUNES).name}`,
  };
}

function judicialRequest(prng: Prng, index: number, person: Citizen, dossierCodes: readonly string[]): JudicialRequest {
  const state = prng.pick(['DA_TIEP_NHAN', 'DANG_XU_LY', 'DA_CO_KET_QUA', 'DA_CO_KET_QUA'] as const);
  return {
    MaYeuCau: `LLTP-2024-${String(index + 1).padStart(6, '0')}`,
    MaHoSo: prng.pick(dossierCodes),
    SoDinhDanh: person.SoDinhDanh,
    TrangThai: state,
    NgayTraKetQua: state === 'DA_CO_KET_QUA' ? ymd(vnDate(2024, prng.int(1, 3), prng.int(1, 28))) : null,
    CoAnTich: false,
  };
}

export function generateCivilRecords(prng: Prng, people: readonly Citizen[], dossierCodes: readonly string[]): {
  birthRegistrations: Map<string, BirthRegistration>;
  judicialRequests: Map<string, JudicialRequest>;
} {
  const births = Array.from({ length: 80 }, (_, i) => birthRegistration(prng, i, dossierCodes));
  const requests = Array.from({ length: 60 }, (_, i) => judicialRequest(prng, i, prng.pick(people), dossierCodes));
  return {
    birthRegistrations: new Map(births.map((b) => [b.SoDangKy, b])),
    judicialRequests: new Map(requests.map((r) => [r.MaYeuCau, r])),
  };
}
