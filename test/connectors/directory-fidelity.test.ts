import axios from 'axios';
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Each connection says how true its wire format is, and the gateway and its mock agree on auth and fidelity. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('directory-fidelity');
});

afterAll(async () => {
  await stack?.close();
});

interface MockServiceView {
  id: string;
  auth: string;
  fidelity: string;
  paths: string[];
  endpoints: Array<{ operationId: string; wireOperation: string; method: string; path: string }>;
}

async function mockServices(): Promise<Map<string, MockServiceView>> {
  const all = new Map<string, MockServiceView>();
  for (const url of [stack.ngspUrl, stack.provinceUrl]) {
    const res = await axios.get(`${url}/__mock/services`);
    for (const s of res.data.services as MockServiceView[]) all.set(s.id, s);
  }
  return all;
}

// The one place that states the shipped catalog's size on purpose: adding a connection changes
// it here and in the README's table; every other test derives its counts from the connector list.
test('the shipped catalog has 19 connections: 17 through the national platform, 2 inside the province', () => {
  const connections = stack.gateway.catalog.listConnections();
  expect(connections).toHaveLength(19);
  expect(connections.filter((c) => c.direction === 'ngsp')).toHaveLength(17);
  expect(connections.filter((c) => c.direction === 'internal')).toHaveLength(2);
});

test("every mock service lists its auth profile, fidelity, paths and each operation's wire name", async () => {
  const mocks = await mockServices();
  for (const connection of stack.gateway.catalog.listConnections()) {
    const mock = mocks.get(connection.id);
    expect(mock).toBeDefined();
    expect({ id: connection.id, auth: mock?.auth }).toEqual({ id: connection.id, auth: connection.auth });
    expect({ id: connection.id, fidelity: mock?.fidelity }).toEqual({
      id: connection.id,
      fidelity: stack.gateway.catalog.getConnector(connection.id).fidelity,
    });
    for (const op of connection.operations) {
      const endpoint = mock?.endpoints.find((e) => e.operationId === op.id);
      expect({ op: `${connection.id}/${op.id}`, found: endpoint !== undefined }).toEqual({ op: `${connection.id}/${op.id}`, found: true });
      expect(endpoint?.wireOperation).toMatch(/\S/);
      expect(mock?.paths).toContain(endpoint?.path);
    }
  }
});

test('the directory gives every connection and operation its fidelity, with sources for public artefacts', async () => {
  const res = await request(stack.gateway.app)
    .get('/api/v1/services')
    .set('Authorization', `Bearer ${await stack.token('van-hanh')}`);
  expect(res.status).toBe(200);
  const services = res.body.services as Array<{
    id: string;
    auth: string;
    fidelity: string;
    sources: string[];
    operations: Array<{ fidelity: string }>;
  }>;
  expect(services).toHaveLength(stack.gateway.catalog.listConnections().length);
  for (const s of services) {
    expect(['public-artefacts', 'modelled']).toContain(s.fidelity);
    if (s.fidelity === 'public-artefacts') expect(s.sources.length).toBeGreaterThan(0);
    for (const op of s.operations) expect(['public-artefacts', 'modelled']).toContain(op.fidelity);
  }
  expect(services.filter((s) => s.fidelity === 'public-artefacts').length).toBeGreaterThanOrEqual(10);
});
