import { parseXml, XmlParseError } from '../../mocks/protocols/xml-document';

/** The mocks parse what tests and scenarios throw at them: hostile bodies are refused there too, fast. */
describe("the mocks' XML parser", () => {
  test.each([
    ['a DOCTYPE', '<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', /DOCTYPE/],
    ['nesting 100,000 deep', `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`, /deeper than 64/],
    ['150,000 elements', `<r>${'<a/>'.repeat(150_000)}</r>`, /more than 100000 elements/],
    ['100 attributes on one element', `<r${Array.from({ length: 100 }, (_v, i) => ` a${i}="1"`).join('')}/>`, /attributes/],
    ['a 200 KB unclosed `<aaaa…`', `<${'a'.repeat(200_000)}`, /./],
    ['1 MB of `<?`', '<?'.repeat(500_000), /./],
  ])('%s is an XmlParseError within the hang guard', async (_name, xml, message) => {
    const started = Date.now();
    const err: unknown = await parseXml(xml).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(XmlParseError);
    expect((err as Error).message).toMatch(message);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('namespaces, local names, text and whitespace come out as before', async () => {
    const root = await parseXml('<s:E xmlns:s="urn:s"><s:B>\n  <m:X xmlns:m="urn:m"> chữ </m:X><Y><![CDATA[ ]]></Y></s:B></s:E>');
    expect(root).toEqual({
      local: 'E',
      uri: 'urn:s',
      text: '',
      children: [
        {
          local: 'B',
          uri: 'urn:s',
          text: '',
          children: [
            { local: 'X', uri: 'urn:m', text: ' chữ ', children: [] },
            { local: 'Y', uri: '', text: ' ', children: [] },
          ],
        },
      ],
    });
  });
});
