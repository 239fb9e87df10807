import { startGoldenStack, type GoldenStack } from './support/golden-stack';
import { jsonShape, xmlShape } from './support/shape';

let golden: GoldenStack;

beforeAll(async () => {
  golden = await startGoldenStack('support');
});

afterAll(async () => {
  await golden?.close();
});

test("the gateway's outgoing request is captured as it crossed the wire, with the answer it produced", async () => {
  const example = golden.gateway.catalog.getConnection('kho-bac').operations[0]!.example;
  const out = await golden.outbound('kho-bac', 'doi-soat-thu', example);
  expect(out.error).toBeUndefined();
  expect(out.data).toBeDefined();
  expect(out.request.method).toBe('POST');
  expect(out.request.path).toMatch(/^\/khobac\//);
  expect(out.request.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.parse(out.request.body)).toBeInstanceOf(Object);
});

test('shapes keep structure and types, not data', async () => {
  expect(jsonShape({ b: [{ x: 1 }], a: 'x', c: null })).toEqual({ a: 'string', b: [{ x: 'number' }], c: 'null' });
  expect(jsonShape({ a: '1' })).not.toEqual(jsonShape({ a: 1 }));
  expect(await xmlShape('<p:a xmlns:p="urn:x"><p:b>1</p:b><c xmlns="urn:y"/></p:a>')).toEqual([
    '/{urn:x}a',
    '/{urn:x}a/{urn:x}b',
    '/{urn:x}a/{urn:y}c',
  ]);
});
