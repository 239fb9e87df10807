import type { Request } from 'express';
import { dvcqgTime } from '../../data/time-format';
import { EdxmlInvalid, edxmlProtocol, readEdxml, type EdxmlMessage } from '../../protocols/edxml';
import type { Dispatch, MockReply, MockService } from '../../protocols/mock-service';
import { ProviderError } from '../../protocols/provider-error';
import { jsonReply } from '../../protocols/replies';
import type { ServiceDeps } from '../service-deps';

const refuse = (err: ProviderError): MockReply => edxmlProtocol.errorReply(err, err.status);

const ack = (docId: string): MockReply => jsonReply({ status: 'OK', ErrorCode: '0', ErrorDesc: '', DocId: docId });

function store(deps: ServiceDeps, message: EdxmlMessage): MockReply {
  const now = dvcqgTime(deps.now());
  if (message.kind === 'edoc') {
    for (const organId of message.to) {
      deps.data.receivedDocuments.push({
        ToOrganId: organId, DocId: message.documentId, From: message.from.OrganId, CodeNumber: message.codeNumber,
        CodeNotation: message.codeNotation, Subject: message.subject, ReceivedTime: now,
      });
    }
  } else {
    deps.data.documentStatuses.push({
      DocumentId: message.documentId, FromOrganId: message.fromOrganId, StatusCode: message.statusCode,
      Description: message.description, Timestamp: message.timestamp || now,
    });
  }
  return ack(message.documentId);
}

async function decodeSend(deps: ServiceDeps, req: Request): Promise<Dispatch | MockReply> {
  if (typeof req.body !== 'string' || req.body.trim() === '') return refuse(new EdxmlInvalid('Thiếu nội dung edXML'));
  let message: EdxmlMessage;
  try {
    message = await readEdxml(req.body, req.get('messagetype'));
  } catch (err) {
    if (err instanceof ProviderError) return refuse(err);
    throw err;
  }
  return { operationId: message.kind === 'edoc' ? 'gui-van-ban' : 'cap-nhat-trang-thai', run: () => store(deps, message) };
}

function decodeList(deps: ServiceDeps, req: Request): Dispatch | MockReply {
  const organId = typeof req.query.organId === 'string' ? req.query.organId.trim() : '';
  if (organId === '') return refuse(new EdxmlInvalid('Thiếu tham số organId'));
  return {
    operationId: 'nhan-van-ban',
    run: () => {
      const data = deps.data.receivedDocuments
        .filter((doc) => doc.ToOrganId === organId)
        .map(({ DocId, From, CodeNumber, CodeNotation, Subject, ReceivedTime }) => ({ DocId, From, CodeNumber, CodeNotation, Subject, ReceivedTime }));
      return jsonReply({ status: 'OK', ErrorCode: '0', data });
    },
  };
}

export function createTrucLienThongVanBanService(deps: ServiceDeps): MockService {
  return {
    id: 'truc-lien-thong-van-ban',
    providerName: 'Trục liên thông văn bản quốc gia',
    errorPrefix: 'ED',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: ['gui-van-ban', 'cap-nhat-trang-thai', 'nhan-van-ban'],
    protocol: edxmlProtocol,
    endpoints: [
      {
        method: 'post', path: '/edxml/1.0/sendEdoc', bodyLimit: '50mb', decode: (req) => decodeSend(deps, req),
        operations: [{ operationId: 'gui-van-ban', wireOperation: 'sendEdoc' }, { operationId: 'cap-nhat-trang-thai', wireOperation: 'sendEdoc' }],
      },
      { method: 'get', path: '/edxml/1.0/getReceivedEdocList', bodyLimit: '1kb', decode: async (req) => decodeList(deps, req), operations: [{ operationId: 'nhan-van-ban', wireOperation: 'getReceivedEdocList' }] },
    ],
  };
}
