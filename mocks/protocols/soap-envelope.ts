import { Builder } from 'xml2js';
import { childNode, parseXml, XmlParseError, type XmlNode } from './xml-document';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

const builder = new Builder({ xmldec: { version: '1.0', encoding: 'UTF-8' }, renderOpts: { pretty: false } });

/** Returns the first element inside `soap:Body`, whatever prefixes the sender used. */
export async function parseSoapBody(xml: string): Promise<XmlNode> {
  const envelope = await parseXml(xml);
  if (envelope.local !== 'Envelope' || envelope.uri !== SOAP_ENV_NS) {
    throw new XmlParseError(`expected a SOAP 1.1 Envelope in ${SOAP_ENV_NS}`);
  }
  const body = childNode(envelope, 'Body');
  const operation = body?.children[0];
  if (body === undefined || body.uri !== SOAP_ENV_NS || operation === undefined) throw new XmlParseError('empty or missing soap:Body');
  return operation;
}

/** Prefixes every element name with `ns:` (elementFormDefault="qualified") and drops absent values; `$` holds attributes. */
function qualify(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(qualify);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null || child === undefined) continue;
    if (key === '$') out[key] = child;
    else out[`ns:${key}`] = qualify(child);
  }
  return out;
}

function envelope(body: Record<string, unknown>): string {
  return builder.buildObject({ 'soap:Envelope': { $: { 'xmlns:soap': SOAP_ENV_NS }, 'soap:Body': body } });
}

/** A document/literal response: `<ns:{element} xmlns:ns="{namespace}">…</ns:{element}>` in soap:Body. */
export function buildSoapResponse(namespace: string, element: string, content: Record<string, unknown>): string {
  const { $: attributes, ...qualified } = qualify(content) as Record<string, unknown>;
  return envelope({
    [`ns:${element}`]: { $: { ...(attributes as Record<string, string> | undefined), 'xmlns:ns': namespace }, ...qualified },
  });
}

/** A SOAP 1.1 fault whose detail carries the provider's code as `{ns}:MaLoi`. */
export function buildSoapFault(namespace: string, side: 'client' | 'server', code: string, message: string): string {
  return envelope({
    'soap:Fault': {
      faultcode: side === 'client' ? 'soap:Client' : 'soap:Server',
      faultstring: message,
      detail: { 'ns:MaLoi': { $: { 'xmlns:ns': namespace }, _: code } },
    },
  });
}
