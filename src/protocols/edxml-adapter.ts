import { randomUUID } from 'node:crypto';
import { parseXml, XmlRejected } from '../xml/safe-xml';
import type { OutboundRequest, OutboundResponse } from './http-transport';
import type { ProtocolAdapter } from './protocol-adapter';
import { asObject, badProviderAnswer, httpStatusError, isSuccess, parseJsonAnswer, providerError, tryParseJson } from './provider-error';

/** The axis' `servicetype` for official documents (the SDK's only value). */
export const VXP_SERVICE_TYPE = 'eDoc';

/** Calls that name the service type (the SDK sends it with these and no others). */
const TYPED_CALLS = new Set(['sendEdoc', 'getReceivedEdocList', 'getSentEdocList']);

/** The edXML file of a `getEdoc` answer: the text exactly as the axis holds it, and its parsed tree. */
export interface FetchedEdxml {
  readonly file: string;
  readonly tree: Record<string, unknown>;
}

/**
 * `multipart/form-data` with the edXML file in the part `file_doc`. The boundary is random,
 * and checked against the file, so the file travels byte for byte.
 */
export function multipartFileDoc(file: string, filename: string): { contentType: string; body: string } {
  let boundary: string;
  do boundary = `----LGSPBoundary${randomUUID().replace(/-/g, '')}`;
  while (file.includes(boundary));
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="file_doc"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n` +
    `${file}\r\n--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

/** `getEdoc` answers the file in base64 in `data`; the adapter hands the mapping its text and tree. */
async function readEdocFile(body: Record<string, unknown>, res: OutboundResponse): Promise<FetchedEdxml> {
  const data = typeof body['data'] === 'string' ? body['data'].replace(/\s+/g, '') : '';
  if (data === '' || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data))
    throw badProviderAnswer('The document axis sent a file that is not base64', res);
  const file = Buffer.from(data, 'base64').toString('utf8');
  try {
    // Attachment data is counted as it streams, never kept in the tree (`kemEdXML` returns `file`).
    return { file, tree: await parseXml(file, { streamed: ['ContentTransferEncoded'] }) };
  } catch (err) {
    throw badProviderAnswer(
      err instanceof XmlRejected
        ? `The document axis sent an edXML file the gateway cannot read: ${err.message}`
        : 'The document axis sent an unreadable edXML file',
      res,
      err,
    );
  }
}

/**
 * The national document axis (VXP HTTP API): every call is `POST <base>/<operation>` whose
 * parameters travel as headers (`servicetype`, `messagetype`, `from`, `docId`, `status`), signed
 * by the `vxp-hmac` profile; `sendEdoc` carries the edXML file as multipart part `file_doc`.
 * The axis answers JSON `{status: OK|FAIL, ErrorCode, ErrorDesc, …}`.
 */
export const edxmlAdapter: ProtocolAdapter = {
  encode(request, ctx): OutboundRequest {
    const wire = ctx.wire;
    if (wire.protocol !== 'edxml') throw new Error('edxml adapter given a non-edxml operation');
    if (request.kind !== 'vxp') throw new Error('edxml adapter sends VXP calls');
    const headers: Record<string, string> = {
      ...(TYPED_CALLS.has(wire.operation) ? { servicetype: VXP_SERVICE_TYPE } : {}),
      ...request.headers,
      Accept: 'application/json',
    };
    const path = `/${wire.operation}`;
    if (request.file === undefined) return { method: 'POST', path, headers: { ...headers, 'Content-Type': 'application/json' } };
    const form = multipartFileDoc(request.file, `${headers['messagetype'] ?? 'edoc'}.edxml`);
    return { method: 'POST', path, headers: { ...headers, 'Content-Type': form.contentType }, body: form.body };
  },

  async decode(res, ctx) {
    const body = asObject(isSuccess(res.status) ? parseJsonAnswer(res) : tryParseJson(res.body));
    if (!body || typeof body['status'] !== 'string') {
      if (!isSuccess(res.status)) throw httpStatusError(res);
      throw badProviderAnswer('The document axis answered without a status', res);
    }
    if (body['status'] !== 'OK') throw providerError(res, String(body['ErrorCode'] ?? 'FAIL'), String(body['ErrorDesc'] ?? ''));
    if (ctx.wire.protocol === 'edxml' && ctx.wire.operation === 'getEdoc') return readEdocFile(body, res);
    return body;
  },
};
