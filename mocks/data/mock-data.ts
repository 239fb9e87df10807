import { buildCatalogues, type Catalogue } from './catalogues';
import { applyAnchors } from './anchors';
import { generateCivilRecords } from './civil-records';
import { generateDossiers } from './dossiers';
import { generateDocuments } from './documents';
import { generateOrganisations } from './organisations';
import { generateParcels } from './parcels';
import { generatePeople } from './people';
import { createPrng } from './prng';
import type {
  BirthRegistration, Business, Citizen, Dossier, DocumentStatus, InsuranceRecord, JudicialRequest, Parcel, Payment,
  ReceivedDocument, Submission, TaxNotice, Waybill,
} from './records';

export const DEFAULT_SEED = 2024;

/** Everything the mock providers know. Generated from a seed, then changed by the async operations. */
export interface MockData {
  readonly seed: number;
  readonly citizens: Map<string, Citizen>;
  readonly insurance: Map<string, InsuranceRecord>;
  readonly businesses: Map<string, Business>;
  /** By MaSoThue. */
  readonly taxNotices: Map<string, TaxNotice[]>;
  readonly dossiers: Map<string, Dossier>;
  readonly dossierProgress: Map<string, Array<Record<string, unknown>>>;
  readonly payments: Map<string, Payment>;
  readonly waybills: Map<string, Waybill>;
  readonly birthRegistrations: Map<string, BirthRegistration>;
  readonly judicialRequests: Map<string, JudicialRequest>;
  /** By `parcelKey(MaXa, SoTo, SoThua)`. */
  readonly parcels: Map<string, Parcel>;
  readonly receivedDocuments: ReceivedDocument[];
  readonly documentStatuses: DocumentStatus[];
  readonly catalogues: Map<string, Catalogue>;
  readonly submissions: Submission[];
  /** Counters behind the ids that async operations hand out. */
  readonly sequences: Map<string, number>;
}

/** Same seed, same data: generation never reads the clock. */
export function generateMockData(seed: number = DEFAULT_SEED): MockData {
  const prng = createPrng(seed);
  const people = generatePeople(prng, 500);
  const organisations = generateOrganisations(prng, 60, [...people.citizens.values()]);
  const dossiers = generateDossiers(prng, 150, [...people.citizens.values()]);
  const data: MockData = {
    seed,
    ...people,
    ...organisations,
    ...dossiers,
    ...generateCivilRecords(prng, [...people.citizens.values()], [...dossiers.dossiers.keys()]),
    parcels: generateParcels(prng, 300, [...people.citizens.values()]),
    receivedDocuments: generateDocuments(prng, 40),
    documentStatuses: [],
    catalogues: buildCatalogues(),
    submissions: [],
    sequences: new Map(),
  };
  applyAnchors(data);
  return data;
}

/** The next number of a named counter, starting at 1. */
export function nextSequence(data: MockData, name: string): number {
  const value = (data.sequences.get(name) ?? 0) + 1;
  data.sequences.set(name, value);
  return value;
}
