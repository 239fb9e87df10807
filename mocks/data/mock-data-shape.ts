import type { Catalogue } from './catalogues';
import type {
  BirthRegistration,
  Business,
  Citizen,
  Dossier,
  DocumentStatus,
  InsuranceRecord,
  JudicialRequest,
  Parcel,
  Payment,
  ReceivedDocument,
  Submission,
  TaxNotice,
  Waybill,
} from './records';

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
