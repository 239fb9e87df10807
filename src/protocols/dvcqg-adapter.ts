import type { ProtocolAdapter } from './protocol-adapter';
import { asObject, badProviderAnswer, httpStatusError, isSuccess, parseJsonAnswer, providerError, tryParseJson } from './provider-error';

/**
 * The portal writes success as `0` or `"0"` in some answers and `"00"` in others (public
 * clients compare it as an integer), so all three mean success.
 */
export function isDvcqgSuccess(code: unknown): boolean {
  return code === 0 || code === '0' || code === '00';
}

/**
 * The National Public Service Portal's adapter envelope: `{session, madonvi, service, …}` where
 * the connector gives the service's own fields (`isUpdating` + `data`, `mahoso`, `maTTHC`),
 * answered by `{error_code, message, result}`. `session` is left empty here: the connection's
 * `dvcqg-session` authenticator fills it in when it signs the request.
 */
export const dvcqgAdapter: ProtocolAdapter = {
  encode(request, ctx) {
    const wire = ctx.wire;
    const fields = request.kind === 'json' ? asObject(request.body) : null;
    if (wire.protocol !== 'dvcqg' || fields === null)
      throw new Error('dvcqg adapter needs a dvcqg operation and the envelope fields as a JSON object');
    const envelope = { session: '', madonvi: ctx.province.agencyCode, service: wire.service, ...fields };
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
    const code = body?.['error_code'];
    if (body === null || (typeof code !== 'string' && typeof code !== 'number')) {
      if (!isSuccess(res.status)) throw httpStatusError(res);
      throw badProviderAnswer('The portal answered without an error_code', res);
    }
    if (!isDvcqgSuccess(code)) throw providerError(res, String(code), String(body['message'] ?? ''));
    return body['result'] ?? null;
  },
};
