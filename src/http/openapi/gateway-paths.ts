import type { JsonObject } from './json-object';
import { errorResponses } from './error-responses';

const ref = (kind: string, name: string): JsonObject => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: JsonObject): JsonObject => ({ 'application/json': { schema } });

const JOB_STATUSES = ['queued', 'active', 'retrying', 'completed', 'failed'];

/** Schemas of the answers every caller shares (the operations' own inputs are added per operation). */
export const GATEWAY_SCHEMAS: JsonObject = {
  Meta: {
    type: 'object',
    required: ['requestId', 'serviceId', 'operationId', 'durationMs'],
    properties: {
      requestId: { type: 'string' },
      serviceId: { type: 'string' },
      operationId: { type: 'string' },
      durationMs: { type: 'number' },
    },
  },
  JobAccepted: {
    type: 'object',
    required: ['jobId', 'status', 'statusUrl'],
    properties: {
      jobId: { type: 'string' },
      status: { type: 'string', enum: JOB_STATUSES },
      statusUrl: { type: 'string', description: '`/api/v1/jobs/{jobId}`, also sent as `Location`.' },
    },
  },
  JobStatus: {
    type: 'object',
    required: ['jobId', 'serviceId', 'operationId', 'status', 'attempts', 'createdAt', 'updatedAt'],
    properties: {
      jobId: { type: 'string' },
      serviceId: { type: 'string' },
      operationId: { type: 'string' },
      status: { type: 'string', enum: JOB_STATUSES },
      attempts: { type: 'integer', minimum: 0 },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      result: { description: 'When `completed`: what the sync call would have answered as `data`.' },
      error: {
        type: 'object',
        required: ['type', 'message'],
        properties: { type: { type: 'string' }, message: { type: 'string' }, providerCode: { type: 'string' } },
        description: "When `failed`: the last attempt's error.",
      },
    },
  },
  Directory: {
    type: 'object',
    required: ['services'],
    properties: {
      services: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'provider', 'direction', 'protocol', 'auth', 'fidelity', 'sources', 'operations'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            provider: { type: 'string' },
            direction: { type: 'string', enum: ['ngsp', 'internal'] },
            protocol: { type: 'string' },
            auth: { type: 'string' },
            fidelity: { $ref: '#/components/schemas/Fidelity' },
            sources: { type: 'array', items: { type: 'string' } },
            operations: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'mode', 'fidelity', 'example'],
                properties: {
                  id: { type: 'string' },
                  mode: { type: 'string', enum: ['sync', 'async'] },
                  fidelity: { $ref: '#/components/schemas/Fidelity' },
                  example: { type: 'object', description: 'A valid request body for the operation.' },
                },
              },
            },
          },
        },
      },
    },
  },
  Fidelity: {
    type: 'string',
    enum: ['public-artefacts', 'modelled'],
    description:
      "`public-artefacts`: the wire format follows public artefacts (named in `sources`); `modelled`: nothing public exists, the format is this gateway's model.",
  },
  TokenAnswer: {
    type: 'object',
    required: ['access_token', 'token_type', 'expires_in', 'scope'],
    properties: {
      access_token: { type: 'string' },
      token_type: { type: 'string', const: 'Bearer' },
      expires_in: { type: 'integer' },
      scope: { type: 'string', enum: ['services', 'operator'] },
    },
  },
  OAuthError: {
    type: 'object',
    required: ['error'],
    description: 'RFC 6749 §5.2.',
    properties: {
      error: {
        type: 'string',
        enum: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope', 'slow_down', 'temporarily_unavailable'],
      },
      error_description: { type: 'string' },
    },
  },
};

export const GATEWAY_PARAMETERS: JsonObject = {
  'X-Request-Id': {
    name: 'X-Request-Id',
    in: 'header',
    description: 'Your id for this request (1-128 of `A-Za-z0-9._:-`); a new one is made otherwise. It follows the call to the provider.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
  },
  Prefer: {
    name: 'Prefer',
    in: 'header',
    description: '`respond-async`: queue a sync operation and answer 202 with a job instead of waiting.',
    schema: { type: 'string' },
    example: 'respond-async',
  },
  jobId: { name: 'jobId', in: 'path', required: true, schema: { type: 'string' } },
};

export const GATEWAY_RESPONSES: JsonObject = {
  JobAccepted: {
    description:
      'Queued for delivery: poll `statusUrl` (also in `Location`). An async operation always answers this; a sync one when called with `Prefer: respond-async`.',
    headers: {
      Location: { description: '`/api/v1/jobs/{jobId}`', schema: { type: 'string' } },
      'X-Request-Id': ref('headers', 'X-Request-Id'),
    },
    content: json(ref('schemas', 'JobAccepted')),
    links: { jobStatus: { operationId: 'getJob', parameters: { jobId: '$response.body#/jobId' } } },
  },
};

const oauthError = (description: string, retryAfter = false): JsonObject => ({
  description,
  ...(retryAfter ? { headers: { 'Retry-After': ref('headers', 'Retry-After') } } : {}),
  content: json(ref('schemas', 'OAuthError')),
});

/** The endpoints every caller has besides the operations: token, directory, jobs, this document. */
export function gatewayPaths(): JsonObject {
  return {
    '/token': {
      post: {
        operationId: 'getToken',
        tags: ['gateway'],
        summary: 'An access token (OAuth2 client credentials)',
        description:
          'The client id and secret go in `Authorization: Basic`; the token goes in `Authorization: Bearer` on every other call until `expires_in` seconds pass.',
        security: [{ clientSecret: [] }],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['grant_type'],
                properties: { grant_type: { const: 'client_credentials' }, scope: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '200': { description: 'A bearer token.', content: json(ref('schemas', 'TokenAnswer')) },
          '400': oauthError('`invalid_request`, `unsupported_grant_type` or `invalid_scope`.'),
          '401': oauthError('`invalid_client`: the id or the secret is wrong (the same answer for both).'),
          '429': oauthError('`slow_down`: too many failed attempts from this client or address.', true),
          '503': oauthError('`temporarily_unavailable`: too many secret checks at once.', true),
        },
      },
    },
    '/api/v1/services': {
      get: {
        operationId: 'listServices',
        tags: ['gateway'],
        summary: 'The services this caller may use, each operation with a valid example body',
        responses: {
          '200': { description: 'The directory.', content: json(ref('schemas', 'Directory')) },
          ...errorResponses(['Client.Unauthorized', 'Server.Gateway.Internal']),
        },
      },
    },
    '/api/v1/jobs/{jobId}': {
      get: {
        operationId: 'getJob',
        tags: ['gateway'],
        summary: "An asynchronous request's status (the caller's own jobs only)",
        parameters: [ref('parameters', 'jobId')],
        responses: {
          '200': { description: 'The job.', content: json(ref('schemas', 'JobStatus')) },
          ...errorResponses(['Client.Unauthorized', 'Client.UnknownJob', 'Server.Gateway.QueueUnavailable', 'Server.Gateway.Internal']),
        },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        tags: ['gateway'],
        summary: 'This document: a consumer sees its own operations, an operator every operation',
        responses: {
          '200': { description: 'OpenAPI 3.1.', content: json({ type: 'object' }) },
          ...errorResponses(['Client.Unauthorized', 'Server.Gateway.Internal']),
        },
      },
    },
  };
}
