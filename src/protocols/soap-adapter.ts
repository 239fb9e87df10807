import { buildXml, parseXml, qualify } from '../xml/safe-xml';
import type { ProtocolAdapter } from './protocol-adapter';
import { asObject, badProviderAnswer, httpStatusError, isSuccess, providerError } from './provider-error';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

/**
 * SOAP 1.1 document/literal: the connector gives the request element's children as JSON;
 * the answer's response element comes back as plain data; a Fault becomes
 * `Server.Provider.Error` with the provider's code (detail/MaLoi, else the faultcode).
 */
export const soapAdapter: ProtocolAdapter = {
  encode(request, ctx) {
    const wire = ctx.wire;
    const ns = ctx.connector.namespace;
    if (wire.protocol !== 'soap' || request.kind !== 'json' || !ns)
      throw new Error('soap adapter needs a soap operation, JSON and a namespace');
    const xml = buildXml({
      'soap:Envelope': {
        $: { 'xmlns:soap': SOAP_ENV, 'xmlns:ns': ns },
        'soap:Header': '',
        'soap:Body': { [`ns:${wire.operation}`]: qualify(request.body, 'ns') ?? '' },
      },
    });
    return {
      method: 'POST',
      path: '',
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: `"${wire.soapAction ?? `${ns}/${wire.operation}`}"`,
        Accept: 'text/xml',
      },
      body: xml,
    };
  },

  async decode(res, ctx) {
    const wire = ctx.wire;
    if (wire.protocol !== 'soap') throw new Error('soap adapter given a non-soap operation');
    let doc: Record<string, unknown>;
    try {
      doc = await parseXml(res.body);
    } catch (err) {
      if (!isSuccess(res.status)) throw httpStatusError(res);
      throw badProviderAnswer('The provider sent an answer that is not well-formed XML', res, err);
    }
    const body = asObject(asObject(doc['Envelope'])?.['Body']);
    if (!body) {
      if (!isSuccess(res.status)) throw httpStatusError(res);
      throw badProviderAnswer('The provider sent XML that is not a SOAP envelope', res);
    }
    const fault = asObject(body['Fault']);
    if (fault) {
      const faultcode = String(fault['faultcode'] ?? 'Server');
      const detail = asObject(fault['detail']);
      const code = typeof detail?.['MaLoi'] === 'string' ? detail['MaLoi'] : faultcode;
      // A Client fault is a rejection of what we sent: trying again will not help.
      const retryable = res.status >= 500 && !/(^|:)Client$/.test(faultcode);
      throw providerError(res, code, String(fault['faultstring'] ?? ''), { retryable });
    }
    if (!isSuccess(res.status)) throw httpStatusError(res);
    const answer = body[wire.responseElement];
    if (answer === undefined) throw badProviderAnswer(`The SOAP answer has no ${wire.responseElement}`, res);
    return answer === '' ? {} : answer;
  },
};
