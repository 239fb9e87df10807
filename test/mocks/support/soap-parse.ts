import { parseStringPromise, processors } from 'xml2js';

/** The first element of soap:Body as plain data (prefixes stripped), and its name. */
export async function soapBody(xml: unknown): Promise<{ name: string; value: Record<string, unknown> }> {
  const doc = (await parseStringPromise(String(xml), {
    explicitArray: false,
    tagNameProcessors: [processors.stripPrefix],
    ignoreAttrs: true,
  })) as { Envelope: { Body: Record<string, unknown> } };
  const [name, value] = Object.entries(doc.Envelope.Body)[0] ?? ['', {}];
  return { name, value: (value ?? {}) as Record<string, unknown> };
}
