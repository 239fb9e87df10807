import { z } from 'zod';
import { asRecord, needString } from '../src/connector-kit/answer';
import {
  defineConnector,
  defineOperation,
  type AnswersWithFollowUps,
  type FollowUp,
  type VxpCall,
} from '../src/connector-kit/connector-definition';
import { maDinhDanhCoQuan } from '../src/connector-kit/fields';
import { TextPieces, textOf } from '../src/util/text-pieces';
import { checkEdxmlFile, senderOf } from './edxml-check';
import { buildDocumentFile, buildStatusFile, documentDescription, statusInput, statusSender } from './edxml-document';
import { readReceivedFile, readReceivedList, type ReceivedItem } from './edxml-reading';

/**
 * A ready-made edXML file, sent as `application/xml` (kept as the pieces it arrived in, never
 * joined before it is sealed into its job) or as `{"edXML": "<…>"}`; forwarded byte for byte.
 */
const readyMade = z.object({
  edXML: z.union([z.string().min(1), z.instanceof(TextPieces).refine((t) => t.length > 0, 'The edXML file is empty')]),
});
const fromXml = (xml: TextPieces) => ({ edXML: xml });

/** `sendEdoc` answers the axis' own id of the file (a UUID), not the edXML DocumentId. */
const sent = (answer: unknown) => ({ maVanBanTruc: needString(asRecord(answer, 'acknowledgement'), 'DocId'), trangThai: 'DA_GUI' });

/** The call's `from` header: the sending agency, when the file names it. */
const fromHeader = (organId: string | undefined): Record<string, string> => (organId ? { from: organId } : {});
const call = (messagetype: string, from: string | undefined, file: string): VxpCall => ({
  kind: 'vxp',
  headers: { messagetype, ...fromHeader(from) },
  file,
});

const receiveInput = z.object({
  /** Only files addressed to this agency (the axis lists everything waiting for the province's system). */
  maDinhDanh: maDinhDanhCoQuan.optional(),
  loaiGoiTin: z.enum(['edoc', 'status']).default('edoc'),
  /** How many files one call fetches; the rest stay waiting at the axis. */
  toiDa: z.number().int().min(1).max(50).default(10),
  /** Also return each edXML file as received (attachments included). */
  kemEdXML: z.boolean().default(false),
});
type ReceiveInput = z.infer<typeof receiveInput>;

interface Fetch {
  item: ReceivedItem;
  waiting: number;
  withFile: boolean;
}

const confirmInput = z.object({
  /** `maVanBanTruc` of files the province's system has stored (or failed to). */
  maVanBanTruc: z.array(z.string().min(1).max(100)).min(1).max(50),
  trangThai: z.enum(['done', 'fail', 'processing']).default('done'),
});
type ConfirmInput = z.infer<typeof confirmInput>;

const updateStatus = (docId: string, status: string) => ({ kind: 'vxp' as const, headers: { docId, status } });

/**
 * National document exchange axis (Government Office, VXP): edXML files per QCVN 102:2016 over
 * the VXP HTTP API, signed per call (`vxp-hmac`). Receiving is at least once: `nhan-van-ban`
 * fetches without acknowledging, `xac-nhan-van-ban` acknowledges (`updateStatus`) only the files
 * the province's system says it has; what is not acknowledged stays listed at the axis.
 */
export const trucLienThongVanBan = defineConnector({
  id: 'truc-lien-thong-van-ban',
  fidelity: 'public-artefacts',
  sources: [
    'PVN-Organization/API-Gateway-iOffice: JDK 1.8/SDKVXP_Example/lib/SDKVXP-2.0.1.jar (com.vpcp.services.VnptService, KnobstickServiceImp, MultipartUtility)',
    'PVN-Organization/API-Gateway-iOffice: JDK 1.8/SDKVXP_Example/lib/EdXML102-0.0.3.jar (com.vnpt.xml.base.builder.BaseXmlBuilder, base.attachment.Attachment)',
    'PVN-Organization/API-Gateway-iOffice: JDK 1.8/SDKVXP_Example/src/main/java/com/vpcp/example/ServiceTest.java',
    'PVN-Organization/API-Gateway-iOffice: JDK 1.8/SDKVXP_Example/resources/edoc.edxml, status_processing_05.edxml, xml/2019/5/852e179c-8eca-4502-ac38-0b97321f29c3.edxml',
    'QCVN 102:2016/BTTTT (edXML structure)',
  ],
  protocol: 'edxml',
  operations: {
    'gui-van-ban': defineOperation({
      wire: { protocol: 'edxml', operation: 'sendEdoc' },
      input: z.union([readyMade, documentDescription]),
      xmlInput: fromXml,
      check: async (input) => {
        if ('edXML' in input) await checkEdxmlFile(input.edXML, 'edoc');
      },
      toProvider: (input, ctx) =>
        'edXML' in input
          ? call('edoc', senderOf(input.edXML), textOf(input.edXML))
          : call('edoc', input.noiGui.maDinhDanh, buildDocumentFile(input, ctx.now)),
      fromProvider: sent,
    }),
    'cap-nhat-trang-thai': defineOperation({
      wire: { protocol: 'edxml', operation: 'sendEdoc' },
      input: z.union([readyMade, statusInput]),
      xmlInput: fromXml,
      check: async (input) => {
        if ('edXML' in input) await checkEdxmlFile(input.edXML, 'status');
      },
      toProvider: (input, ctx) =>
        'edXML' in input
          ? call('status', senderOf(input.edXML), textOf(input.edXML))
          : call('status', statusSender(input, ctx.province).maDinhDanh, buildStatusFile(input, ctx.province, ctx.now)),
      fromProvider: sent,
    }),
    'nhan-van-ban': defineOperation<ReceiveInput>({
      wire: { protocol: 'edxml', operation: 'getReceivedEdocList' },
      input: receiveInput,
      toProvider: (input) => ({ kind: 'vxp', headers: { messagetype: input.loaiGoiTin } }),
      followUps: (first, input): FollowUp[] => {
        const forAgency = (item: ReceivedItem): boolean =>
          input.maDinhDanh === undefined || (item.to ?? '').split(',').includes(input.maDinhDanh);
        const waiting = readReceivedList(first).filter(forAgency);
        return waiting.slice(0, input.toiDa).map((item) => ({
          wire: { protocol: 'edxml', operation: 'getEdoc' },
          request: { kind: 'vxp', headers: { docId: item.docId } },
          about: { item, waiting: waiting.length, withFile: input.kemEdXML } satisfies Fetch,
        }));
      },
      fromProvider: (answer) => {
        const { followUps } = answer as AnswersWithFollowUps;
        const fetched = followUps.map(({ about, answer: file }) => ({ fetch: about as Fetch, file }));
        return {
          vanBan: fetched.map(({ fetch, file }) => readReceivedFile(fetch.item, file, fetch.withFile)),
          conLai: fetched.length === 0 ? 0 : (fetched[0]?.fetch.waiting ?? 0) - fetched.length,
        };
      },
    }),
    'xac-nhan-van-ban': defineOperation<ConfirmInput>({
      wire: { protocol: 'edxml', operation: 'updateStatus' },
      input: confirmInput,
      toProvider: (input) => updateStatus(input.maVanBanTruc[0] ?? '', input.trangThai),
      followUps: (_first, input): FollowUp[] =>
        input.maVanBanTruc
          .slice(1)
          .map((docId) => ({ wire: { protocol: 'edxml', operation: 'updateStatus' }, request: updateStatus(docId, input.trangThai) })),
      fromProvider: (answer) => ({ soVanBan: 1 + (answer as AnswersWithFollowUps).followUps.length, trangThai: 'DA_XAC_NHAN' }),
    }),
  },
});
