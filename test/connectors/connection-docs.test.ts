import { readFileSync } from 'node:fs';
import path from 'node:path';
import axios from 'axios';
import { CONNECTOR_MAP } from '../../connectors';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { Catalog } from '../../src/catalog/catalog';
import { serviceDirectory, type DirectoryService } from '../../src/catalog/service-directory';
import { loadConfig } from '../../src/config/load-config';

/**
 * The README's connection table and docs/wire-formats.md are what a province reads before it
 * calls anything: each must say of every connection what the directory says (auth profile,
 * fidelity, operations, sources), and the wire doc must name every operation the mocks serve.
 */
const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const WIRE = readFileSync(path.join(ROOT, 'docs/wire-formats.md'), 'utf8');

const directory: DirectoryService[] = serviceDirectory(
  new Catalog(loadConfig({ env: {}, connectors: CONNECTOR_MAP }), CONNECTOR_MAP),
  () => true,
);

let mocks: RunningMocks;

beforeAll(async () => {
  mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: 'silent' });
});

afterAll(async () => {
  await mocks?.close();
});

/** The rows of the markdown table under `heading`, split into trimmed cells. */
function tableUnder(doc: string, heading: string): string[][] {
  const start = doc.indexOf(`\n${heading}\n`);
  expect({ heading, found: start >= 0 }).toEqual({ heading, found: true });
  const lines = doc.slice(start).split('\n').slice(2);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

/** The operations cell as both tables write it: `` `id` (mode) ``, with the fidelity when it differs from the connection's. */
function operationsCell(s: DirectoryService): string {
  return s.operations.map((o) => `\`${o.id}\` (${o.mode}${o.fidelity === s.fidelity ? '' : `, ${o.fidelity}`})`).join(', ');
}

/** The text of the `## ` section whose heading names the connection, up to the next `## `. */
function wireSection(id: string): string {
  const sections = WIRE.split(/\n(?=## )/);
  const section = sections.find((s) => s.split('\n')[0]?.includes(`\`${id}\``));
  expect({ id, section: section !== undefined }).toEqual({ id, section: true });
  return section ?? '';
}

test("the README's table says of every connection what the directory says: auth, fidelity, operations", () => {
  const rows = tableUnder(README, `## The ${directory.length} connections`);
  expect(rows.map((r) => r[1])).toEqual(directory.map((s) => `\`${s.id}\``));
  for (const [row, s] of rows.map((r, i) => [r, directory[i] as DirectoryService] as const)) {
    const [, , , , direction, protocol, auth, fidelity, operations] = row;
    expect({ id: s.id, direction, protocol, auth, fidelity, operations }).toEqual({
      id: s.id,
      direction: s.direction,
      protocol: s.protocol,
      auth: `\`${s.auth}\``,
      fidelity: s.fidelity,
      operations: operationsCell(s),
    });
  }
  const counted = (fidelity: string): number => directory.filter((s) => s.fidelity === fidelity).length;
  expect(README).toContain(`artefacts of the real service (${counted('public-artefacts')} connections`);
  expect(README).toContain(`modelled because nothing public exists (${counted('modelled')})`);
});

test("docs/wire-formats.md's table gives every connection its auth, fidelity, operations and the connector's sources", () => {
  const rows = tableUnder(WIRE, `## The ${directory.length} connections`);
  expect(rows.map((r) => r[1])).toEqual(directory.map((s) => `\`${s.id}\``));
  for (const [row, s] of rows.map((r, i) => [r, directory[i] as DirectoryService] as const)) {
    const [, , protocol, auth, fidelity, operations, sources] = row;
    expect({ id: s.id, protocol, auth, fidelity, operations, sources }).toEqual({
      id: s.id,
      protocol: s.protocol,
      auth: `\`${s.auth}\``,
      fidelity: s.fidelity,
      operations: operationsCell(s),
      sources: s.sources.length > 0 ? s.sources.join('<br>') : '—',
    });
  }
});

test("each connection's section of the wire doc names its operations and each provider operation its mock serves", async () => {
  const served = new Map<string, Array<{ operationId: string; wireOperation: string }>>();
  for (const url of [mocks.ngspUrl, mocks.provinceUrl]) {
    const res = await axios.get(`${url}/__mock/services`);
    for (const s of res.data.services as Array<{ id: string; endpoints: Array<{ operationId: string; wireOperation: string }> }>) {
      served.set(s.id, s.endpoints);
    }
  }
  for (const s of directory) {
    const section = wireSection(s.id);
    if (s.fidelity === 'modelled') expect({ id: s.id, saysModelled: /modelled/.test(section) }).toEqual({ id: s.id, saysModelled: true });
    for (const o of s.operations)
      expect({ op: `${s.id}/${o.id}`, named: section.includes(`\`${o.id}\``) }).toEqual({ op: `${s.id}/${o.id}`, named: true });
    const endpoints = served.get(s.id) ?? [];
    expect({ id: s.id, endpoints: endpoints.length > 0 }).toEqual({ id: s.id, endpoints: true });
    for (const e of endpoints) {
      expect({ op: `${s.id}/${e.operationId}`, wire: e.wireOperation, named: section.includes(e.wireOperation) }).toEqual({
        op: `${s.id}/${e.operationId}`,
        wire: e.wireOperation,
        named: true,
      });
    }
  }
});
