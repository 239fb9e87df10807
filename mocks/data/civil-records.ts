import { createHash } from 'node:crypto';
import { COMMUNES } from './administrative-units';
import type { Prng } from './prng';
import { civilDossierKey, type BirthRegistration, type Citizen, type JudicialRequest } from './records';
import { addDays, vnDate, ymd } from './time-format';
import { fullName, randomName } from './vietnamese-names';

/** `yyyyMMdd` → `yyyy-MM-dd`. */
const isoDay = (d: Date): string => `${ymd(d).slice(0, 4)}-${ymd(d).slice(4, 6)}-${ymd(d).slice(6, 8)}`;
/** `dd/MM/yyyy`, the judicial-records date format. */
export const dmy = (d: Date): string => `${ymd(d).slice(6, 8)}/${ymd(d).slice(4, 6)}/${ymd(d).slice(0, 4)}`;

/** The civil-status system codes registering units by number: the mock uses the commune's GSO code. */
export const unitCode = (communeCode: string): number => Number(communeCode);

/** The centre's declaration id is opaque ("encrypted"): a digest of the receipt number stands in for it. */
export function declarationId(idReceivedDec: string, salt = ''): string {
  return createHash('sha256').update(`LLTP|${idReceivedDec}|${salt}`).digest('base64url').slice(0, 32);
}

function birthRegistration(prng: Prng, index: number, dossierCodes: readonly string[]): BirthRegistration {
  // The draws keep the order and number they always had: the records generated after these stay the same.
  const born = vnDate(2023, prng.int(6, 12), prng.int(1, 28));
  const maHoSo = prng.pick(dossierCodes);
  const nksHoTen = fullName(randomName(prng, prng.chance(0.5) ? 'Nam' : 'Nữ'));
  const received = addDays(born, prng.int(3, 60));
  const maDonVi = unitCode(prng.pick(COMMUNES).code);
  const trangThai = ([1, 2, 3, 4, 4] as const)[index % 5] ?? 4;
  return { maDonVi, maHoSo, module: 'KS', ngayTiepNhan: isoDay(received), trangThai, nksHoTen, nksNgaySinh: dmy(born) };
}

function judicialRequest(prng: Prng, index: number, person: Citizen, dossierCodes: readonly string[]): JudicialRequest {
  const decStatusId = prng.pick([3, 4, 5, 5] as const);
  const idReceivedDec = prng.pick(dossierCodes);
  const issued = decStatusId === 5 ? dmy(vnDate(2024, prng.int(1, 3), prng.int(1, 28))) : null;
  return {
    ID: declarationId(idReceivedDec, String(index)),
    idReceivedDec,
    identifyNo: person.SoDinhDanh,
    fullName: fullName(person),
    formType: index % 3 === 0 ? 2 : 1,
    decStatusId,
    approveDate: issued,
    issueDate: issued,
  };
}

export function generateCivilRecords(
  prng: Prng,
  people: readonly Citizen[],
  dossierCodes: readonly string[],
): {
  birthRegistrations: Map<string, BirthRegistration>;
  judicialRequests: Map<string, JudicialRequest>;
} {
  const births = Array.from({ length: 80 }, (_, i) => birthRegistration(prng, i, dossierCodes));
  const requests = Array.from({ length: 60 }, (_, i) => judicialRequest(prng, i, prng.pick(people), dossierCodes));
  return {
    birthRegistrations: new Map(births.map((b) => [civilDossierKey(b.maDonVi, b.maHoSo), b])),
    judicialRequests: new Map(requests.map((r) => [r.idReceivedDec, r])),
  };
}
