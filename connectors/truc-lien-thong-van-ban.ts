import { z } from 'zod';
import { asArray, asRecord, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maDinhDanhCoQuan } from '../src/connector-kit/fields';
import { dvcqgTimeToIso } from '../src/connector-kit/vn-time';
import { buildDocumentEnvelope, buildStatusEnvelope, checkEdxmlDocument, documentDescription, statusInput } from './edxml-document';

/** A ready-made edXML document, sent as `application/xml` or as `{"edXML": "<…>"}`. */
const readyMade = z.object({ edXML: z.string().min(1) });
const sendInput = z.union([readyMade, documentDescription]);

const ack = (answer: unknown) => {
  const r = asRecord(answer, 'acknowledgement');
  return { maVanBan: needString(r, 'DocId'), trangThai: 'DA_GUI' };
};

/** National document exchange axis (Government Office): edXML per QCVN 102:2016. */
export const trucLienThongVanBan = defineConnector({
  id: 'truc-lien-thong-van-ban',
  fidelity: 'modelled',
  sources: [],
  protocol: 'edxml',
  operations: {
    'gui-van-ban': defineOperation({
      wire: { protocol: 'edxml', method: 'POST', path: '/sendEdoc', messageType: 'edoc' },
      input: sendInput,
      xmlInput: (xml) => ({ edXML: xml }),
      check: async (input) => {
        if ('edXML' in input) await checkEdxmlDocument(input.edXML);
      },
      toProvider: (input) => ({ kind: 'xml', xml: 'edXML' in input ? input.edXML : buildDocumentEnvelope(input) }),
      fromProvider: ack,
    }),
    'cap-nhat-trang-thai': defineOperation({
      wire: { protocol: 'edxml', method: 'POST', path: '/sendEdoc', messageType: 'status' },
      input: statusInput,
      toProvider: (input, ctx) => ({ kind: 'xml', xml: buildStatusEnvelope(input, ctx.province, ctx.now) }),
      fromProvider: ack,
    }),
    'nhan-van-ban': defineOperation({
      wire: { protocol: 'edxml', method: 'GET', path: '/getReceivedEdocList' },
      input: z.object({ maDinhDanh: maDinhDanhCoQuan.optional() }),
      toProvider: (input, ctx) => ({ kind: 'query', query: { organId: input.maDinhDanh ?? ctx.province.agencyCode } }),
      fromProvider: (answer) => ({
        vanBan: asArray(asRecord(answer, 'list')['data']).map((item) => {
          const d = asRecord(item, 'document');
          return {
            maVanBan: needString(d, 'DocId'),
            noiGui: optString(d, 'From'),
            so: optString(d, 'CodeNumber'),
            kyHieu: optString(d, 'CodeNotation'),
            trichYeu: optString(d, 'Subject'),
            thoiDiemNhan: dvcqgTimeToIso(d['ReceivedTime']),
          };
        }),
      }),
    }),
  },
});
