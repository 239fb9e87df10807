import { checkEdxmlDocument, isStrictBase64 } from '../../connectors/edxml-document';

const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const doc = (attachment: string) =>
  `<edXML:edXMLEnvelope xmlns:edXML="${NS}"><edXML:edXMLHeader><edXML:MessageHeader><edXML:From><edXML:OrganId>000.00.00.H06</edXML:OrganId></edXML:From><edXML:To><edXML:OrganId>000.00.00.G01</edXML:OrganId></edXML:To><edXML:DocumentId>000.00.00.H06,2024/03/15,1/UBND</edXML:DocumentId><edXML:Code><edXML:CodeNumber>1</edXML:CodeNumber><edXML:CodeNotation>UBND</edXML:CodeNotation></edXML:Code><edXML:Subject>S</edXML:Subject></edXML:MessageHeader></edXML:edXMLHeader><edXML:AttachmentEncoded><edXML:Attachment><edXML:AttachmentText>${attachment}</edXML:AttachmentText></edXML:Attachment></edXML:AttachmentEncoded></edXML:edXMLEnvelope>`;

test('strict base64: padding only at the end, whole quads only', () => {
  expect(isStrictBase64('QUJD')).toBe(true);
  expect(isStrictBase64('QUI=')).toBe(true);
  expect(isStrictBase64('QQ==')).toBe(true);
  expect(isStrictBase64('QQ=')).toBe(false);
  expect(isStrictBase64('Q===')).toBe(false);
  expect(isStrictBase64('QU=D')).toBe(false);
  expect(isStrictBase64('QU!D')).toBe(false);
});

test('a document with a 10 MB attachment is checked (a grouped base64 regex overflowed here)', async () => {
  const attachment = Buffer.alloc(7_500_000, 7).toString('base64');
  await expect(checkEdxmlDocument(doc(attachment))).resolves.toBeUndefined();
  await expect(checkEdxmlDocument(doc(`${attachment.slice(0, -4)}!!!!`))).rejects.toMatchObject({ type: 'Client.BadRequest' });
});
