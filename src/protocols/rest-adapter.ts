import type { ProviderRequest, RestRequestParts } from '../connector-kit/connector-definition';
import type { OutboundRequest } from './http-transport';
import type { ProtocolAdapter } from './protocol-adapter';
import { tryParseJson, httpStatusError, isSuccess, parseJsonAnswer, providerError } from './provider-error';
import { readRestErrorBody } from './rest-error-body';

/** `/Category/{code}` + `{code: 'madantoc'}` → `/Category/madantoc`; a placeholder without a value is a connector bug. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`rest adapter: no value for path parameter {${name}}`);
    return encodeURIComponent(value);
  });
}

function parts(request: ProviderRequest & RestRequestParts, path: string): { path: string; headers: Record<string, string> } {
  return { path: fillPath(path, request.pathParams), headers: { Accept: 'application/json', ...request.headers } };
}

/** REST JSON at NGSP paths; errors in any of the providers' own JSON error formats, with a 4xx/5xx status. */
export const restAdapter: ProtocolAdapter = {
  encode(request, ctx): OutboundRequest {
    const wire = ctx.wire;
    if (wire.protocol !== 'rest') throw new Error(`rest adapter given a ${wire.protocol} operation`);
    if (request.kind === 'query') {
      const { path, headers } = parts(request, wire.path);
      // No `?` at all for a call without parameters (`GET /Category/madantoc`).
      return { method: wire.method, path, ...(Object.keys(request.query).length > 0 ? { query: request.query } : {}), headers };
    }
    if (request.kind === 'json') {
      const { path, headers } = parts(request, wire.path);
      return {
        method: wire.method,
        path,
        headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(request.body),
      };
    }
    throw new Error('rest adapter cannot send XML');
  },

  async decode(res) {
    if (!isSuccess(res.status)) {
      const err = readRestErrorBody(tryParseJson(res.body));
      if (err) return Promise.reject(providerError(res, err.code, err.message));
      return Promise.reject(httpStatusError(res));
    }
    return parseJsonAnswer(res);
  },
};
