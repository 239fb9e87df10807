import type { ProtocolAdapter } from './protocol-adapter';
import { tryParseJson, asObject, badProviderAnswer, httpStatusError, isSuccess, parseJsonAnswer, providerError } from './provider-error';

/**
 * The National Public Service Portal's envelope:
 * `{session, madonvi, service, isUpdating, data:[…]}` → `{error_code:"00", message, result}`.
 */
export const dvcqgAdapter: ProtocolAdapter = {
  encode(request, ctx) {
    const wire = ctx.wire;
    if (wire.protocol !== 'dvcqg' || request.kind !== 'json') throw new Error('dvcqg adapter needs a dvcqg operation and JSON data');
    const data = Array.isArray(request.body) ? request.body : [request.body];
    const envelope = {
      session: String(ctx.options['session'] ?? ''),
      madonvi: ctx.province.agencyCode,
      service: wire.service,
      isUpdating: wire.isUpdating,
      data,
    };
    return {
      method: 'POST',
      path: '',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(envelope),
    };
  },

  async decode(res) {
    const parsed = isSuccess(res.status) ? parseJsonAnswer(res) : tryParseJson(res.body);
    const body = asObject(parsed);
    if (!body || typeof body['error_code'] !== 'string') {
      if (!isSuccess(res.status)) throw httpStatusError(res);
      throw badProviderAnswer('The portal answered without an error_code', res);
    }
    if (body['error_code'] !== '00') throw providerError(res, body['error_code'], String(body['message'] ?? ''));
    return body['result'];
  },
};
