import { buildCatalogues } from './catalogues';
import { applyAnchors } from './anchors';
import { generateCivilRecords } from './civil-records';
import { generateDossiers } from './dossiers';
import { generateDocuments } from './documents';
import { generateOrganisations } from './organisations';
import { generateParcels } from './parcels';
import { generatePeople } from './people';
import { createPrng } from './prng';
import type { MockData } from './mock-data-shape';

// The shape lives apart so the generators (anchors) can take it without importing the generator.
export type { MockData } from './mock-data-shape';

export const DEFAULT_SEED = 2024;

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
