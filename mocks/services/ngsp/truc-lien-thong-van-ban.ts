import type { Request } from 'express';
import { callerSystem, signedParam } from '../../auth/vxp-hmac';
import { axisTime, documentAxisOf, DocumentAxis, type AxisFile, type ReceiptStatus } from '../../data/document-axis';
import { axisSystemOf } from '../../data/organs';
import { EdxmlInvalid, edxmlProtocol, readEdxml, sentFile, type EdxmlMessage } from '../../protocols/edxml';
import type { Dispatch, MockReply, MockService, ServiceEndpoint } from '../../protocols/mock-service';
import { notFound, ProviderError } from '../../protocols/provider-error';
import { jsonReply } from '../../protocols/replies';
import type { ServiceDeps } from '../service-deps';

const BASE = '/edxml/1.0';
const SERVICE_TYPE = 'eDoc';

const refuse = (err: ProviderError): MockReply => edxmlProtocol.errorReply(err, err.status);
const ok = (extra: Record<string, unknown> = {}): MockReply => jsonReply({ status: 'OK', ErrorCode: '0', ErrorDesc: '', ...extra });

/** Runs a decoder; the axis' own refusal (a ProviderError) becomes its FAIL answer. */
async function decoding(decode: () => Promise<Dispatch> | Dispatch): Promise<Dispatch | MockReply> {
  try {
    return await decode();
  } catch (err) {
    if (err instanceof ProviderError) return refuse(err);
    throw err;
  }
}

function messageTypeOf(req: Request): 'edoc' | 'status' {
  const type = signedParam(req, 'messagetype')?.toLowerCase();
  if (type !== 'edoc' && type !== 'status') throw new EdxmlInvalid('messagetype phải là edoc hoặc status');
  return type;
}

function checkServiceType(req: Request): void {
  if (signedParam(req, 'servicetype') !== SERVICE_TYPE) throw new EdxmlInvalid(`servicetype phải là ${SERVICE_TYPE}`);
}

function needParam(req: Request, name: string): string {
  const value = signedParam(req, name);
  if (!value) throw new EdxmlInvalid(`Thiếu ${name}`);
  return value;
}

/** The sending agency must be one of the calling system's, and agree with the signed `from` when given. */
function checkSender(req: Request, message: EdxmlMessage): void {
  const from = signedParam(req, 'from');
  if (from !== undefined && from !== message.from) throw new EdxmlInvalid(`from ${from} khác From/OrganId ${message.from} của gói tin`);
  if (axisSystemOf(message.from) !== callerSystem(req))
    throw new ProviderError('ED-403', `Đơn vị ${message.from} không thuộc hệ thống ${callerSystem(req)}`, 403);
}

async function decodeSend(deps: ServiceDeps, axis: DocumentAxis, req: Request): Promise<Dispatch> {
  checkServiceType(req);
  const body = typeof req.body === 'string' ? req.body : '';
  if (body.trim() === '') throw new EdxmlInvalid('Thiếu tệp edXML');
  const file = sentFile(body, req.get('content-type') ?? '');
  const message = await readEdxml(file, messageTypeOf(req));
  checkSender(req, message);
  const system = callerSystem(req);
  return {
    operationId: message.kind === 'edoc' ? 'gui-van-ban' : 'cap-nhat-trang-thai',
    run: () => {
      const now = deps.now();
      const common = { from: message.from, senderSystem: system, file, now };
      const sent =
        message.kind === 'edoc'
          ? axis.send({
              ...common,
              messageType: 'edoc',
              to: message.to,
              title: message.subject,
              notation: `${message.codeNumber}/${message.codeNotation}`,
            })
          : axis.send({ ...common, messageType: 'status', to: [message.to], title: message.description, notation: message.statusCode });
      if (message.kind === 'status') {
        deps.data.documentStatuses.push({
          DocumentId: message.documentId,
          FromOrganId: message.from,
          StatusCode: message.statusCode,
          Description: message.description,
          Timestamp: message.timestamp,
        });
      }
      return ok({ DocId: sent.docId });
    },
  };
}

/** One entry per file (its agencies of this system comma-joined in `to`). */
function receivedEntries(axis: DocumentAxis, system: string, messageType: string): unknown[] {
  const byFile = new Map<string, { file: AxisFile; organs: string[]; status: ReceiptStatus; updated: Date }>();
  for (const { file, organ, receipt } of axis.waiting(system, messageType)) {
    const entry = byFile.get(file.docId);
    if (entry) entry.organs.push(organ);
    else byFile.set(file.docId, { file, organs: [organ], status: receipt.status, updated: receipt.updated });
  }
  return [...byFile.values()].map(({ file, organs, status, updated }) => ({
    docId: file.docId,
    serviceType: SERVICE_TYPE,
    messageType,
    created_time: axisTime(file.created),
    updated_time: axisTime(updated),
    from: file.from,
    to: organs.join(','),
    status,
    status_desc: DocumentAxis.describe(status),
  }));
}

function decodeReceivedList(axis: DocumentAxis, req: Request): Dispatch {
  checkServiceType(req);
  const messageType = messageTypeOf(req);
  return { operationId: 'nhan-van-ban', run: () => ok({ data: receivedEntries(axis, callerSystem(req), messageType) }) };
}

/** `getEdoc` answers the file unchanged, base64 in `data`. */
function decodeGetEdoc(axis: DocumentAxis, req: Request): Dispatch {
  const docId = needParam(req, 'docId');
  return {
    operationId: 'nhan-van-ban',
    run: () => {
      const file = axis.fetch(callerSystem(req), docId);
      if (!file) return refuse(notFound('ED-404', `Không tìm thấy văn bản ${docId}`));
      return ok({ data: Buffer.from(file.file(), 'utf8').toString('base64') });
    },
  };
}

const RECEIPTS: readonly string[] = ['done', 'fail', 'processing'];

function decodeUpdateStatus(deps: ServiceDeps, axis: DocumentAxis, req: Request): Dispatch {
  const docId = needParam(req, 'docId');
  const status = needParam(req, 'status');
  if (!RECEIPTS.includes(status)) throw new EdxmlInvalid('status phải là done, fail hoặc processing');
  return {
    operationId: 'xac-nhan-van-ban',
    run: () =>
      axis.acknowledge(callerSystem(req), docId, status as ReceiptStatus, deps.now())
        ? ok()
        : refuse(notFound('ED-404', `Không tìm thấy văn bản ${docId}`)),
  };
}

/** What became of the files this system sent, per receiving agency. */
function decodeSentList(axis: DocumentAxis, req: Request): Dispatch {
  checkServiceType(req);
  const messageType = messageTypeOf(req);
  return {
    operationId: 'gui-van-ban',
    run: () =>
      ok({
        data: axis.sentBy(callerSystem(req), messageType).flatMap((file) =>
          [...file.receipts].map(([organ, receipt]) => ({
            serviceType: SERVICE_TYPE,
            messageType,
            senderDocId: file.docId,
            receiverDocId: file.docId,
            fromCode: file.from,
            toCode: organ,
            title: file.title,
            notation: file.notation,
            sentTime: axisTime(file.created),
            sendStatus: 'done',
            sendStatusDesc: 'Đã gửi',
            receivedTime: receipt.status === 'initial' ? '' : axisTime(receipt.updated),
            receiveStatus: receipt.status,
            receiveStatusDesc: DocumentAxis.describe(receipt.status),
          })),
        ),
      }),
  };
}

function endpoint(
  op: string,
  bodyLimit: string,
  operationIds: readonly string[],
  decode: (req: Request) => Promise<Dispatch> | Dispatch,
): ServiceEndpoint {
  return {
    method: 'post',
    path: `${BASE}/${op}`,
    bodyLimit,
    operations: operationIds.map((operationId) => ({ operationId, wireOperation: op })),
    decode: (req) => decoding(() => decode(req)),
  };
}

/** The national document axis (VXP HTTP API): every call `POST <base>/<op>`, parameters in signed headers. */
export function createTrucLienThongVanBanService(deps: ServiceDeps): MockService {
  const axis = documentAxisOf(deps.data);
  return {
    id: 'truc-lien-thong-van-ban',
    providerName: 'Trục liên thông văn bản quốc gia',
    errorPrefix: 'ED',
    auth: 'vxp-hmac',
    fidelity: 'public-artefacts',
    operations: ['gui-van-ban', 'cap-nhat-trang-thai', 'nhan-van-ban', 'xac-nhan-van-ban'],
    protocol: edxmlProtocol,
    endpoints: [
      endpoint('sendEdoc', '50mb', ['gui-van-ban', 'cap-nhat-trang-thai'], (req) => decodeSend(deps, axis, req)),
      endpoint('getReceivedEdocList', '64kb', ['nhan-van-ban'], (req) => decodeReceivedList(axis, req)),
      endpoint('getEdoc', '64kb', ['nhan-van-ban'], (req) => decodeGetEdoc(axis, req)),
      endpoint('updateStatus', '64kb', ['xac-nhan-van-ban'], (req) => decodeUpdateStatus(deps, axis, req)),
      endpoint('getSentEdocList', '64kb', ['gui-van-ban', 'cap-nhat-trang-thai'], (req) => decodeSentList(axis, req)),
    ],
  };
}
