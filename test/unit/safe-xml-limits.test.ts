import { Parser, processors } from 'xml2js';
import { StreamedText } from '../../src/xml/base64-tally';
import { parseXml, readXml, XmlRejected } from '../../src/xml/safe-xml';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../../src/xml/xml-limits';
import { edocXml, statusXml } from '../mocks/support/wire-builders';

const SMALL: XmlLimits = { maxDepth: 8, maxElements: 50, maxAttributes: 4, maxTextChars: 100 };

/** What xml2js made of a document with the options the gateway used before it parsed with sax. */
const xml2jsTree = (xml: string): Promise<unknown> =>
  new Parser({
    explicitArray: false,
    ignoreAttrs: true,
    tagNameProcessors: [processors.stripPrefix],
    emptyTag: () => '',
  }).parseStringPromise(xml);

async function refusal(xml: string, limits?: XmlLimits): Promise<XmlRejected> {
  const err: unknown = await readXml(xml, limits ? { limits } : {}).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(XmlRejected);
  return err as XmlRejected;
}

describe("the tree is the one xml2js made, so providers' answers map as before", () => {
  const SOAP = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
    <m:KetQua xmlns:m="urn:x"><m:TonTai>true</m:TonTai><m:Ten> Nguyễn  Văn An </m:Ten><m:Rong/><m:Trang>  </m:Trang><m:Dong>1</m:Dong><m:Dong>2</m:Dong>
    <m:Tron>chữ <m:B>đậm</m:B> tiếp</m:Tron><m:CData><![CDATA[<b>a & b</b>]]></m:CData><m:RongCData><![CDATA[]]></m:RongCData></m:KetQua></soap:Body></soap:Envelope>`;
  test.each([
    ['a SOAP answer with repeats, blanks, mixed content and CDATA', SOAP],
    ['an edXML document with an XML-DSig block', edocXml({ signature: true })],
    ['an edXML status message', statusXml('03')],
  ])('%s', async (_name, xml) => {
    expect(await parseXml(xml)).toEqual(await xml2jsTree(xml));
  });
});

describe('the root element comes from the first open-tag event, not from a regex over the text', () => {
  test('local name, prefix and the namespace declared on it', async () => {
    expect((await readXml('<?xml version="1.0"?><!-- c --><e:edXML xmlns:e="urn:a" xmlns="urn:b"/>')).root).toEqual({
      name: 'edXML',
      prefix: 'e',
      namespace: 'urn:a',
    });
    expect((await readXml('<edXML xmlns="urn:b"><x/></edXML>')).root).toEqual({ name: 'edXML', prefix: '', namespace: 'urn:b' });
    expect((await readXml('<edXML/>')).root).toEqual({ name: 'edXML', prefix: '', namespace: null });
  });

  test('a 200 KB unclosed `<aaaa…` (33 s under the old regex) is refused as not well-formed, within the hang guard', async () => {
    const started = Date.now();
    const err = await refusal(`<${'a'.repeat(200_000)}`);
    expect(err.reason).toBe('malformed');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('1 MB of repeated `<?` (quadratic in the old replace) is refused as not well-formed, within the hang guard', async () => {
    const started = Date.now();
    expect((await refusal('<?'.repeat(500_000))).reason).toBe('malformed');
    expect((await refusal(`<edXML>${'<?'.repeat(500_000)}`)).reason).toBe('malformed');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('limits, enforced while the document streams', () => {
  test('nesting deeper than maxDepth is refused naming xml.maxDepth (a 100,000-deep document too, with the shipped limits)', async () => {
    expect((await refusal(`${'<a>'.repeat(9)}${'</a>'.repeat(9)}`, SMALL)).message).toMatch(/deeper than 8 levels \(xml\.maxDepth\)/);
    await expect(readXml(`${'<a>'.repeat(8)}${'</a>'.repeat(8)}`, { limits: SMALL })).resolves.toBeDefined();
    const deep = await refusal(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`);
    expect([deep.reason, deep.message]).toEqual(['limit', expect.stringMatching(/xml\.maxDepth/)]);
  });

  test('more elements than maxElements is refused naming xml.maxElements', async () => {
    expect((await refusal(`<r>${'<a/>'.repeat(50)}</r>`, SMALL)).message).toMatch(/more than 50 elements \(xml\.maxElements\)/);
    expect((await refusal(`<r>${'<a/>'.repeat(DEFAULT_XML_LIMITS.maxElements)}</r>`)).message).toMatch(/xml\.maxElements/);
  });

  test('more attributes on one element than maxAttributes is refused naming xml.maxAttributes', async () => {
    const attrs = (n: number): string => Array.from({ length: n }, (_v, i) => ` a${i}="1"`).join('');
    expect((await refusal(`<r${attrs(5)}/>`, SMALL)).message).toMatch(/more than 4 attributes \(xml\.maxAttributes\)/);
    await expect(readXml(`<r${attrs(4)}><a${attrs(4)}/></r>`, { limits: SMALL })).resolves.toBeDefined();
    expect((await refusal(`<r${attrs(10_000)}/>`)).reason).toBe('limit');
  });

  test('more text in one element than maxTextChars is refused naming the element and xml.maxTextChars', async () => {
    expect((await refusal(`<r><Subject>${'x'.repeat(101)}</Subject></r>`, SMALL)).message).toMatch(
      /<Subject> is longer than 100 characters \(xml\.maxTextChars\)/,
    );
    expect((await refusal(`<r><![CDATA[${'x'.repeat(101)}]]></r>`, SMALL)).reason).toBe('limit');
    expect((await refusal(`<r><Subject>${'x'.repeat(DEFAULT_XML_LIMITS.maxTextChars + 1)}</Subject></r>`)).message).toMatch(
      /xml\.maxTextChars/,
    );
  });

  test("a streamed element's text is checked as base64 and counted, never kept, and is exempt from maxTextChars", async () => {
    const data = Buffer.alloc(3_000_000, 9).toString('base64');
    const lines = data.match(/.{1,76}/g)!.join('\r\n');
    const { tree } = await readXml(
      `<r><A><ContentTransferEncoded>\r\n${lines}\r\n</ContentTransferEncoded></A><B><ContentTransferEncoded>QU!D</ContentTransferEncoded></B></r>`,
      { streamed: ['ContentTransferEncoded'] },
    );
    const r = tree['r'] as Record<string, Record<string, unknown>>;
    expect(r['A']?.['ContentTransferEncoded']).toEqual(new StreamedText(data.length, true, 3_000_000));
    expect(r['B']?.['ContentTransferEncoded']).toMatchObject({ isBase64: false });
  });
});

describe('declarations', () => {
  test('an XML declaration naming an encoding other than UTF-8 is refused (reason encoding)', async () => {
    for (const encoding of ['ISO-8859-1', 'UTF-16', "windows-1258' standalone='yes", 'UTF-7']) {
      const err = await refusal(`<?xml version="1.0" encoding="${encoding}"?><r/>`);
      expect([err.reason, err.message]).toEqual(['encoding', expect.stringMatching(/only UTF-8/)]);
    }
    expect((await refusal("<?xml version='1.0' encoding='latin1'?><r/>")).reason).toBe('encoding');
  });

  test('UTF-8 in any case, or no encoding at all, is accepted', async () => {
    for (const decl of ['<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0"?>', '']) {
      await expect(readXml(`${decl}<r>Bắc Giang</r>`)).resolves.toMatchObject({ tree: { r: 'Bắc Giang' } });
    }
  });

  test('DOCTYPE, ENTITY declarations and entity references are refused', async () => {
    expect((await refusal('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>')).reason).toBe('doctype');
    expect((await refusal('<!DOCTYPE r SYSTEM "http://x/r.dtd"><r/>')).reason).toBe('doctype');
    expect((await refusal('<r>&lol;</r>')).reason).toBe('malformed');
  });

  test("a malformed document's message does not echo its content", async () => {
    const err = await refusal('<r><secret>024090001234</r>');
    expect(err.message).toMatch(/not well-formed XML/);
    expect(err.message).not.toMatch(/024090001234/);
  });
});
