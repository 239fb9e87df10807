import { StreamedText } from '../src/xml/base64-tally';
import { asArray, asRecord, badResponse, needString, optString } from '../src/connector-kit/answer';
import { child, children, kindOf, text } from './edxml-check';
import { edxmlDateToIso, edxmlTimestampToIso } from './edxml-time';

type Tree = Record<string, unknown>;

/** One entry of `getReceivedEdocList`: a file waiting at the axis for this system. */
export interface ReceivedItem {
  docId: string;
  messageType: string;
  from: string | null;
  to: string | null;
  createdTime: string | null;
  status: string | null;
}

export function readReceivedList(answer: unknown): ReceivedItem[] {
  return asArray(asRecord(answer, 'list')['data']).map((entry) => {
    const e = asRecord(entry, 'list entry');
    return {
      docId: needString(e, 'docId'),
      messageType: optString(e, 'messageType') ?? 'edoc',
      from: optString(e, 'from'),
      to: optString(e, 'to'),
      createdTime: optString(e, 'created_time'),
      status: optString(e, 'status'),
    };
  });
}

const nullable = (value: string): string | null => (value === '' ? null : value);
const numberOrNull = (value: string): number | null => (value === '' || !Number.isFinite(Number(value)) ? null : Number(value));

function organ(node: unknown): Record<string, string | null> {
  return {
    maDinhDanh: nullable(text(node, 'OrganId')),
    ten: nullable(text(node, 'OrganName')),
    donViChuQuan: nullable(text(node, 'OrganizationInCharge')),
    diaChi: nullable(text(node, 'OrganAdd')),
    email: nullable(text(node, 'Email')),
    dienThoai: nullable(text(node, 'Telephone')),
  };
}

/** Bytes of an attachment's base64 data: counted while the file streamed through the parser, never decoded. */
function decodedSize(attachment: unknown): number {
  const data = attachment !== null && typeof attachment === 'object' ? (attachment as Tree)['ContentTransferEncoded'] : undefined;
  return data instanceof StreamedText ? data.decodedBytes : 0;
}

function readDocument(header: Tree, file: Tree): Record<string, unknown> {
  const code = child(header, 'Code');
  const reply = child(header, 'ResponseFor');
  const signer = child(header, 'SignerInfo');
  const other = child(header, 'OtherInfo');
  return {
    maVanBan: nullable(text(header, 'DocumentId')),
    noiGui: organ(child(header, 'From')),
    noiNhan: children(header, 'To').map(organ),
    soKyHieu: { so: text(code, 'CodeNumber'), kyHieu: text(code, 'CodeNotation') },
    noiBanHanh: nullable(text(child(header, 'PromulgationInfo'), 'Place')),
    ngayBanHanh: edxmlDateToIso(text(child(header, 'PromulgationInfo'), 'PromulgationDate')),
    loaiVanBan: {
      ma: numberOrNull(text(child(header, 'DocumentType'), 'Type')),
      ten: nullable(text(child(header, 'DocumentType'), 'TypeName')),
    },
    trichYeu: text(header, 'Subject'),
    noiDung: nullable(text(header, 'Content')),
    nguoiKy: {
      thamQuyen: nullable(text(signer, 'Competence')),
      chucVu: nullable(text(signer, 'Position')),
      hoTen: nullable(text(signer, 'FullName')),
    },
    hanXuLy: edxmlDateToIso(text(header, 'DueDate')),
    doKhan: numberOrNull(text(other, 'Priority')),
    kieuChiDao: numberOrNull(text(header, 'SteeringType')),
    traLoiVanBan:
      text(reply, 'DocumentId') === ''
        ? null
        : {
            maDinhDanh: text(reply, 'OrganId'),
            soKyHieu: text(reply, 'Code'),
            ngayBanHanh: edxmlDateToIso(text(reply, 'PromulgationDate')),
            maVanBan: text(reply, 'DocumentId'),
          },
    coChuKySo: child(child(child(file, 'edXMLEnvelope'), 'edXMLHeader'), 'Signature') !== undefined,
    tepDinhKem: children(child(file, 'AttachmentEncoded'), 'Attachment').map((a) => ({
      ten: text(a, 'AttachmentName'),
      kieu: text(a, 'ContentType'),
      kichThuoc: decodedSize(a),
    })),
  };
}

function readStatus(header: Tree): Record<string, unknown> {
  const about = child(header, 'ResponseFor');
  const staff = child(header, 'StaffInfo');
  return {
    noiGui: organ(child(header, 'From')),
    maVanBan: text(about, 'DocumentId'),
    noiGuiVanBan: nullable(text(about, 'OrganId')),
    soKyHieu: nullable(text(about, 'Code')),
    ngayBanHanh: edxmlDateToIso(text(about, 'PromulgationDate')),
    trangThai: text(header, 'StatusCode'),
    moTa: nullable(text(header, 'Description')),
    thoiDiem: edxmlTimestampToIso(text(header, 'Timestamp')),
    canBo: staff
      ? {
          phongBan: nullable(text(staff, 'Department')),
          hoTen: nullable(text(staff, 'Staff')),
          diDong: nullable(text(staff, 'Mobile')),
          email: nullable(text(staff, 'Email')),
        }
      : null,
  };
}

/**
 * A file fetched with `getEdoc`, as provincial JSON: the axis' own id and times, then the
 * MessageHeader of a document (with its attachments' names, types and sizes) or of a status message.
 */
export function readReceivedFile(item: ReceivedItem, fetched: unknown, withFile: boolean): Record<string, unknown> {
  const { file, tree } = asRecord(fetched, 'edXML file') as { file?: unknown; tree?: unknown };
  const root = child(tree, 'edXML');
  const header = child(child(child(root, 'edXMLEnvelope'), 'edXMLHeader'), 'MessageHeader');
  if (!root || !header || typeof file !== 'string')
    throw badResponse(`The document axis sent ${item.docId} without an edXML MessageHeader`);
  const kind = kindOf(header);
  return {
    maVanBanTruc: item.docId,
    loaiGoiTin: kind,
    thoiDiemNhan: edxmlTimestampToIso(item.createdTime),
    ...(kind === 'status' ? readStatus(header) : readDocument(header, root)),
    ...(withFile ? { edXML: file } : {}),
  };
}
