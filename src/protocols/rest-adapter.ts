import type { OutboundRequest } from './http-transport';
import type { ProtocolAdapter } from './protocol-adapter';
import { tryParseJson, asObject, httpStatusError, isSuccess, parseJsonAnswer, providerError } from './provider-error';

/** REST JSON at NGSP paths; errors as `{"errorCode","errorMessage"}` with a 4xx/5xx status. */
export const restAdapter: ProtocolAdapter = {
  encode(request, ctx): OutboundRequest {
    const wire = ctx.wire;
    if (wire.protocol !== 'rest') throw new Error(`rest adapter given a ${wire.protocol} operation`);
    if (request.kind === 'query') return { method: wire.method, path: wire.path, query: request.query, headers: { Accept: 'application/json' } };
    if (request.kind === 'json') {
      return {
        method: wire.method,
        path: wire.path,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(request.body),
      };
    }
    throw new Error('rest adapter cannot send XML');
  },

  async decode(res) {
    if (!isSuccess(res.status)) {
      const err = asObject(tryParseJson(res.body));
      if (err && typeof err['errorCode'] === 'string') return Promise.reject(providerError(res, err['errorCode'], String(err['errorMessage'] ?? '')));
      return Promise.reject(httpStatusError(res));
    }
    return parseJsonAnswer(res);
  },
};
