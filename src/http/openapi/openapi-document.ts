import type { Catalog } from '../../catalog/catalog';
import type { DirectoryOperation, DirectoryService } from '../../catalog/service-directory';
import { IDEMPOTENCY_KEY } from '../../runtime/call-pipeline';
import { ERROR_TYPES, errorComponents, errorResponses } from './error-responses';
import { GATEWAY_PARAMETERS, GATEWAY_RESPONSES, GATEWAY_SCHEMAS, gatewayPaths } from './gateway-paths';
import type { JsonObject } from './json-object';
import { requestSchema } from './request-schema';

const DESCRIPTION = `The provincial integration gateway (LGSP): one JSON API in front of the national platform (NGSP) and the provincial systems.

**Authentication.** \`POST /token\` with the client id and secret as HTTP Basic and \`grant_type=client_credentials\` gives an access token; send it as \`Authorization: Bearer <token>\` on every other call.

**Calls.** A *sync* operation answers \`200 {"data","meta"}\`. An *async* operation, or any operation sent with \`Prefer: respond-async\`, answers \`202 {"jobId","status","statusUrl"}\` with \`Location: /api/v1/jobs/{jobId}\`; poll that URL. On an async call, \`Idempotency-Key\` makes a retry give back the same job, and the provider receives the request once.

**Errors.** Body \`{"type","message","detail"}\` (\`detail\` is the request id) and header \`X-LGSP-Error\`; the HTTP status follows from \`type\`.

This document lists the operations the caller that fetched it may use.`;

/** Every type a call to an operation can answer with (a job id only exists after it). */
const CALL_ERRORS = ERROR_TYPES.filter((type) => type !== 'Client.UnknownJob');

export const schemaName = (serviceId: string, operationId: string): string => `${serviceId}.${operationId}`;

/**
 * The OpenAPI 3.1 document for one caller's directory: the gateway's own endpoints and one
 * path per operation the caller may use, its request schema generated from the operation's
 * zod schema and its example from the catalog.
 */
export function buildOpenApiDocument(catalog: Catalog, directory: readonly DirectoryService[]): JsonObject {
  const paths: JsonObject = gatewayPaths();
  const schemas: JsonObject = { ...GATEWAY_SCHEMAS, ...errorComponents().schemas };
  for (const service of directory) {
    for (const op of service.operations) {
      schemas[schemaName(service.id, op.id)] = requestSchema(
        catalog.getOperation(service.id, op.id).definition.input,
        schemaName(service.id, op.id),
      );
      paths[`/api/v1/services/${service.id}/${op.id}`] = { post: operation(catalog, service, op) };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'LGSP gateway API', version: '1', description: DESCRIPTION },
    servers: [{ url: '/', description: 'This gateway' }],
    security: [{ clientCredentials: ['services'] }, { bearerToken: [] }],
    tags: [
      { name: 'gateway', description: 'Token, directory, jobs and this document' },
      ...directory.map((s) => ({
        name: s.id,
        description: `${s.name} (${s.provider}); ${s.protocol}, ${s.direction === 'ngsp' ? 'through the national platform' : 'within the province'}`,
      })),
    ],
    paths,
    components: {
      schemas,
      responses: GATEWAY_RESPONSES,
      parameters: { ...GATEWAY_PARAMETERS, 'Idempotency-Key': idempotencyKeyParameter() },
      headers: errorComponents().headers,
      securitySchemes: {
        clientCredentials: {
          type: 'oauth2',
          description: 'OAuth2 client credentials, as the national platform does.',
          flows: {
            clientCredentials: {
              tokenUrl: '/token',
              scopes: { services: 'Call the services granted to this client', operator: "Operators: the dashboard and the operators' API" },
            },
          },
        },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'The `access_token` from `POST /token`.' },
        clientSecret: { type: 'http', scheme: 'basic', description: 'The client id and secret, for `POST /token` only.' },
      },
    },
  };
}

function operation(catalog: Catalog, service: DirectoryService, op: DirectoryOperation): JsonObject {
  const { config, definition } = catalog.getOperation(service.id, op.id);
  const content: JsonObject = {
    'application/json': { schema: { $ref: `#/components/schemas/${schemaName(service.id, op.id)}` }, example: op.example },
  };
  if (definition.xmlInput)
    content['application/xml'] = {
      schema: {
        type: 'string',
        description: 'A ready-made XML document: the gateway reads it into the JSON above and validates it the same way.',
      },
    };
  const ref = (kind: string, name: string): JsonObject => ({ $ref: `#/components/${kind}/${name}` });
  return {
    operationId: `${service.id}.${op.id}`,
    tags: [service.id],
    summary: `${op.id} (${op.mode})`,
    ...(config.description ? { description: config.description } : {}),
    parameters: [
      ref('parameters', 'X-Request-Id'),
      ...(op.mode === 'sync' ? [ref('parameters', 'Prefer')] : []),
      ref('parameters', 'Idempotency-Key'),
    ],
    requestBody: { required: true, content },
    responses: {
      ...(op.mode === 'sync' ? { '200': syncAnswer() } : {}),
      '202': ref('responses', 'JobAccepted'),
      ...errorResponses(CALL_ERRORS),
    },
    'x-lgsp-mode': op.mode,
    'x-lgsp-fidelity': op.fidelity,
  };
}

/** Connectors map answers in code and declare no answer schema: the document says so rather than invent one. */
function syncAnswer(): JsonObject {
  return {
    description: "The provider's answer, mapped to provincial JSON.",
    headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['data', 'meta'],
          properties: {
            data: {
              description:
                "The operation's answer. Its shape is set by the connector's mapping; the gateway publishes no schema for it yet (see the README's notes per service).",
            },
            meta: { $ref: '#/components/schemas/Meta' },
          },
        },
      },
    },
  };
}

function idempotencyKeyParameter(): JsonObject {
  return {
    name: 'Idempotency-Key',
    in: 'header',
    description:
      'Asynchronous calls: the same caller, operation and key give back the same job, and the provider receives the request once. Reused with another body: 422 `Client.IdempotencyKeyMismatch`.',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
  };
}
