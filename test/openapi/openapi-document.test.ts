import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { ERROR_TABLE, type ErrorType } from '../../src/errors/gateway-error';
import { consumerFor, startTestStack, type TestStack } from '../support/test-stack';
import { validateOpenApi } from './support/validate-openapi';

/** `GET /api/v1/openapi.json`: the published contract, generated from the connectors' zod schemas. */
let stack: TestStack;
const app = () => stack.gateway.app;
const bearer = async (principal: string) => `Bearer ${await stack.token(principal)}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPERATION_PATH = /^\/api\/v1\/services\/([^/]+)\/([^/]+)$/;
const operationPaths = (doc: Json): string[] =>
  Object.keys(doc['paths'])
    .filter((p) => OPERATION_PATH.test(p))
    .sort();
const catalogPaths = (serviceIds?: readonly string[]): string[] =>
  stack.gateway.catalog
    .listConnections()
    .filter((c) => !serviceIds || serviceIds.includes(c.id))
    .flatMap((c) => c.operations.map((o) => `/api/v1/services/${c.id}/${o.id}`))
    .sort();

async function documentFor(principal: string): Promise<Json> {
  const res = await request(app())
    .get('/api/v1/openapi.json')
    .set('Authorization', await bearer(principal));
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.body as Json;
}

beforeAll(async () => {
  stack = await startTestStack('openapi-document');
});

afterAll(async () => {
  await stack?.close();
});

describe("the operator's document", () => {
  let doc: Json;
  beforeAll(async () => {
    doc = await documentFor('van-hanh');
  });

  test('is valid OpenAPI 3.1', async () => {
    const verdict = await validateOpenApi(doc);
    expect(verdict.version).toBe('3.1');
    expect(verdict.errors).toBeNull();
    expect(verdict.valid).toBe(true);
  });

  test("has one written-out path per operation of the catalog, and the gateway's own endpoints", () => {
    expect(operationPaths(doc)).toEqual(catalogPaths());
    expect(Object.keys(doc['paths'])).toEqual(
      expect.arrayContaining(['/token', '/api/v1/services', '/api/v1/jobs/{jobId}', '/api/v1/openapi.json']),
    );
  });

  test('describes the auth flow: client credentials at /token, then a bearer token', () => {
    const schemes = doc['components']['securitySchemes'];
    expect(schemes['clientCredentials']).toMatchObject({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token' } } });
    expect(schemes['bearerToken']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc['paths']['/token']['post']['security']).toEqual([{ clientSecret: [] }]);
    expect(doc['servers']).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  test('a sync operation answers 200 or, with Prefer: respond-async, 202; an async one only 202 with the job link', () => {
    for (const c of stack.gateway.catalog.listConnections()) {
      for (const o of c.operations) {
        const op = doc['paths'][`/api/v1/services/${c.id}/${o.id}`]['post'];
        const params = (op['parameters'] as Json[]).map((p) => p['$ref']);
        expect({
          op: `${c.id}/${o.id}`,
          has200: '200' in op['responses'],
          prefer: params.includes('#/components/parameters/Prefer'),
        }).toEqual({ op: `${c.id}/${o.id}`, has200: o.mode === 'sync', prefer: o.mode === 'sync' });
        expect(op['responses']['202']).toEqual({ $ref: '#/components/responses/JobAccepted' });
        expect(params).toContain('#/components/parameters/Idempotency-Key');
      }
    }
    expect(doc['components']['responses']['JobAccepted']['links']['jobStatus']).toEqual({
      operationId: 'getJob',
      parameters: { jobId: '$response.body#/jobId' },
    });
    expect(doc['paths']['/api/v1/jobs/{jobId}']['get']['operationId']).toBe('getJob');
  });

  test('every error type of the contract appears on a call with its HTTP status, Retry-After where the gateway sends it', () => {
    expect(doc['components']['schemas']['Error']['properties']['type']['enum']).toEqual(Object.keys(ERROR_TABLE));
    const [first] = catalogPaths();
    const responses = doc['paths'][first!]['post']['responses'] as Json;
    const listed = new Map<string, number>();
    for (const [status, response] of Object.entries(responses)) {
      for (const type of response['content']?.['application/json']?.['schema']?.['allOf']?.[1]?.['properties']['type']['enum'] ?? [])
        listed.set(type, Number(status));
    }
    const expected = (Object.keys(ERROR_TABLE) as ErrorType[])
      .filter((t) => t !== 'Client.UnknownJob')
      .map((t) => [t, ERROR_TABLE[t].status]);
    expect([...listed].sort()).toEqual(expected.sort());
    expect(listed.get('Client.IdempotencyKeyMismatch')).toBe(422);
    expect(listed.get('Server.Gateway.ConnectionBusy')).toBe(503);
    expect(Object.keys(responses['429']['headers'])).toContain('Retry-After');
    expect(Object.keys(responses['503']['headers'])).toContain('Retry-After');
    expect(Object.keys(responses['400']['headers'])).not.toContain('Retry-After');
    const jobErrors =
      doc['paths']['/api/v1/jobs/{jobId}']['get']['responses']['404']['content']['application/json']['schema']['allOf'][1]['properties'][
        'type'
      ]['enum'];
    expect(jobErrors).toEqual(['Client.UnknownJob']);
  });

  test('every directory example is valid against its request schema, and a body missing a required field is not', async () => {
    const directory = await request(app())
      .get('/api/v1/services')
      .set('Authorization', await bearer('van-hanh'));
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    let checked = 0;
    let withRequired = 0;
    for (const service of directory.body.services as Json[]) {
      for (const op of service['operations'] as Json[]) {
        const path = `/api/v1/services/${service['id']}/${op['id']}`;
        const body = doc['paths'][path]['post']['requestBody']['content']['application/json'];
        expect(body['example']).toEqual(op['example']);
        const schema = doc['components']['schemas'][`${service['id']}.${op['id']}`] as Json;
        // An object, or a choice of objects (a ready-made document or its description): never an empty schema.
        const kinds = schema['anyOf'] ? (schema['anyOf'] as Json[]).map((s) => s['type']) : [schema['type']];
        expect({ path, kinds: [...new Set(kinds)] }).toEqual({ path, kinds: ['object'] });
        const validate = ajv.compile(schema);
        expect({ path, valid: validate(op['example']), errors: validate.errors ?? null }).toEqual({ path, valid: true, errors: null });
        checked += 1;
        const required = (schema['required'] ?? []) as string[];
        const missing = required.find((key) => key in op['example']);
        if (missing) {
          const { [missing]: _dropped, ...incomplete } = op['example'] as Json;
          expect({ path, missing, valid: validate(incomplete) }).toEqual({ path, missing, valid: false });
          // The gateway's own validation agrees: the same body is refused with the contract's 400.
          const call = await request(app())
            .post(path)
            .set('Authorization', await bearer(consumerFor(stack, service['id'])))
            .send(incomplete);
          expect({ path, status: call.status, type: call.body.type }).toEqual({ path, status: 400, type: 'Client.BadRequest' });
          withRequired += 1;
        }
      }
    }
    expect(checked).toBe(catalogPaths().length);
    expect(withRequired).toBeGreaterThan(checked / 2);
  });
});

describe("a consumer's document", () => {
  test('is valid and lists exactly the operations of the services granted to it', async () => {
    for (const consumer of stack.gateway.config.consumers.filter((c) => c.role === 'consumer')) {
      const doc = await documentFor(consumer.id);
      expect({ consumer: consumer.id, paths: operationPaths(doc) }).toEqual({
        consumer: consumer.id,
        paths: catalogPaths(consumer.services),
      });
      expect(operationPaths(doc).length).toBeLessThan(catalogPaths().length);
      const verdict = await validateOpenApi(doc);
      expect({ consumer: consumer.id, valid: verdict.valid, errors: verdict.errors }).toEqual({
        consumer: consumer.id,
        valid: true,
        errors: null,
      });
    }
  });
});

describe('who may read the document', () => {
  test('without credentials: 401 Client.Unauthorized, typed', async () => {
    const res = await request(app()).get('/api/v1/openapi.json');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ type: 'Client.Unauthorized', message: expect.any(String), detail: res.headers['x-request-id'] });
    expect(res.headers['x-lgsp-error']).toBe('Client.Unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  test('with a forged token: 401 Client.Unauthorized', async () => {
    const res = await request(app()).get('/api/v1/openapi.json').set('Authorization', 'Bearer v2.nope.e30.AAAA');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('Client.Unauthorized');
  });

  test('an operator signed in to the dashboard reads every operation at /admin/api/openapi.json; a consumer token there is 403', async () => {
    const login = await request(app()).post('/admin/login').type('form').send({ id: 'van-hanh', secret: 'van-hanh-dev-secret' });
    expect(login.status).toBe(303);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const res = await request(app()).get('/admin/api/openapi.json').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(operationPaths(res.body)).toEqual(catalogPaths());
    const consumer = await request(app())
      .get('/admin/api/openapi.json')
      .set('Authorization', await bearer('qlvb'));
    expect(consumer.status).toBe(403);
    expect(consumer.body.type).toBe('Client.AccessDenied');
    const anonymous = await request(app()).get('/admin/api/openapi.json');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.type).toBe('Client.Unauthorized');
  });
});
