import type { OutboundRequest } from './http-transport';
import type { ProtocolAdapter } from './protocol-adapter';
import { asObject, badProviderAnswer, httpStatusError, isSuccess, parseJsonAnswer, providerError, tryParseJson } from './provider-error';

/**
 * The national document axis: edXML documents posted as `application/xml` with a
 * `messagetype` header, lists read with GET; the axis answers JSON with
 * `status: OK|FAIL`, `ErrorCode`, `ErrorDesc`.
 */
export const edxmlAdapter: ProtocolAdapter = {
  encode(request, ctx): OutboundRequest {
    const wire = ctx.wire;
    if (wire.protocol !== 'edxml') throw new Error('edxml adapter given a non-edxml operation');
    if (request.kind === 'query') return { method: 'GET', path: wire.path, query: request.query, headers: { Accept: 'application/json' } };
    if (request.kind !== 'xml') throw new Error('edxml adapter sends XML documents or queries');
    return {
      method: 'POST',
      path: wire.path,
      headers: { 'Content-Type': 'application/xml; charset=utf-8', Accept: 'application/json', messagetype: wire.messageType ?? 'edoc' },
      body: request.xml,
    };
  },

  async decode(res) {
    const body = asObject(isSuccess(res.status) ? parseJsonAnswer(res) : tryParseJson(res.body));
    if (!body || typeof body['status'] !== 'string') {
      if (!isSuccess(res.status)) throw httpStatusError(res);
      throw badProviderAnswer('The document axis answered without a status', res);
    }
    if (body['status'] !== 'OK') throw providerError(res, String(body['ErrorCode'] ?? 'FAIL'), String(body['ErrorDesc'] ?? ''));
    return body;
  },
};
