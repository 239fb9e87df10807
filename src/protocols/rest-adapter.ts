import { binaryDocument } from '../connector-kit/binary-document';
import type { ProviderRequest, RestRequestParts, RestWire } from '../connector-kit/connector-definition';
import type { OutboundRequest, OutboundResponse } from './http-transport';
import type { ProtocolAdapter } from './protocol-adapter';
import { badProviderAnswer, tryParseJson, httpStatusError, isSuccess, parseJsonAnswer, providerError } from './provider-error';
import { readRestErrorBody } from './rest-error-body';

/** `/Category/{code}` + `{code: 'madantoc'}` → `/Category/madantoc`; a placeholder without a value is a connector bug. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`rest adapter: no value for path parameter {${name}}`);
    return encodeURIComponent(value);
  });
}

type Parts = Pick<OutboundRequest, 'path' | 'headers' | 'responseType'>;

function parts(request: ProviderRequest & RestRequestParts, wire: RestWire): Parts {
  const path = fillPath(wire.path, request.pathParams);
  // A document's type is the provider's to say; its refusals may still come as JSON.
  if (wire.responseType === 'binary') return { path, headers: { Accept: '*/*', ...request.headers }, responseType: 'binary' };
  return { path, headers: { Accept: 'application/json', ...request.headers } };
}

/**
 * A binary wire's answer: JSON when the provider answered JSON (a refusal with status 200, as the
 * payment platform makes), else the bytes as a document. An empty document is no document.
 */
function decodeBinary(res: OutboundResponse): unknown {
  if (/^\s*application\/([\w.-]+\+)?json\b/i.test(res.headers['content-type'] ?? '')) return parseJsonAnswer(res);
  const bytes = res.bytes ?? Buffer.alloc(0);
  if (bytes.length === 0) throw badProviderAnswer('The provider sent an empty document', res);
  return binaryDocument(bytes, res.headers['content-type'], res.headers['content-disposition']);
}

/** REST JSON at NGSP paths; errors in any of the providers' own JSON error formats, with a 4xx/5xx status. */
export const restAdapter: ProtocolAdapter = {
  encode(request, ctx): OutboundRequest {
    const wire = ctx.wire;
    if (wire.protocol !== 'rest') throw new Error(`rest adapter given a ${wire.protocol} operation`);
    if (request.kind === 'query') {
      // No `?` at all for a call without parameters (`GET /Category/madantoc`).
      return { method: wire.method, ...parts(request, wire), ...(Object.keys(request.query).length > 0 ? { query: request.query } : {}) };
    }
    if (request.kind === 'json') {
      const p = parts(request, wire);
      return {
        method: wire.method,
        ...p,
        headers: { ...p.headers, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(request.body),
      };
    }
    throw new Error('rest adapter cannot send XML');
  },

  async decode(res, ctx) {
    if (!isSuccess(res.status)) {
      const err = readRestErrorBody(tryParseJson(res.body));
      if (err) return Promise.reject(providerError(res, err.code, err.message));
      return Promise.reject(httpStatusError(res));
    }
    if (ctx.wire.protocol === 'rest' && ctx.wire.responseType === 'binary') return decodeBinary(res);
    return parseJsonAnswer(res);
  },
};
