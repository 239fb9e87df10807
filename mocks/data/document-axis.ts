import { createHash, randomUUID } from 'node:crypto';
import { edxmlTime, seededEdxmlFile } from './edxml-file';
import type { MockData } from './mock-data';
import { AXIS_SYSTEMS, axisSystemOf } from './organs';
import type { ReceivedDocument } from './records';
import { dvcqgTime, vnDate } from './time-format';

/** What a receiving system reported with `updateStatus`; `initial` until it does. */
export type ReceiptStatus = 'initial' | 'processing' | 'done' | 'fail';

const STATUS_DESC: Readonly<Record<ReceiptStatus, string>> = {
  initial: 'Chờ nhận',
  processing: 'Đang xử lý',
  done: 'Đã nhận',
  fail: 'Nhận không thành công',
};

interface Receipt {
  status: ReceiptStatus;
  updated: Date;
}

/** A file the axis holds: its own id (a UUID), who sent it to whom, and each receiving agency's receipt. */
export interface AxisFile {
  readonly docId: string;
  readonly messageType: 'edoc' | 'status';
  readonly from: string;
  readonly to: readonly string[];
  readonly senderSystem: string | null;
  readonly created: Date;
  readonly title: string;
  readonly notation: string;
  /** The edXML file exactly as it was sent (seeded ones are written on first download). */
  file(): string;
  readonly receipts: Map<string, Receipt>;
}

function dvcqgToDate(t: string): Date {
  return vnDate(
    Number(t.slice(0, 4)),
    Number(t.slice(4, 6)),
    Number(t.slice(6, 8)),
    Number(t.slice(8, 10)),
    Number(t.slice(10, 12)),
    Number(t.slice(12, 14)),
  );
}

/** A seeded file's id: a UUID-shaped digest of its receiver and DocumentId, stable across runs. */
export function seededDocId(doc: Pick<ReceivedDocument, 'ToOrganId' | 'DocId'>): string {
  const h = createHash('sha1').update(`${doc.ToOrganId}|${doc.DocId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `yyyy/MM/dd HH:mm:ss`, how the mock axis writes its list times. */
export const axisTime = (at: Date): string => edxmlTime(dvcqgTime(at));

/** The axis' store: files sent, per receiving agency a receipt; a file stays listed until its receiver says `done`. */
export class DocumentAxis {
  private readonly files = new Map<string, AxisFile>();

  constructor(seeds: readonly ReceivedDocument[]) {
    for (const doc of seeds) this.addSeed(doc);
  }

  private addSeed(doc: ReceivedDocument): void {
    const created = dvcqgToDate(doc.ReceivedTime);
    let written: string | undefined;
    this.files.set(seededDocId(doc), {
      docId: seededDocId(doc),
      messageType: 'edoc',
      from: doc.From,
      to: [doc.ToOrganId],
      senderSystem: axisSystemOf(doc.From) ?? null,
      created,
      title: doc.Subject,
      notation: `${doc.CodeNumber}/${doc.CodeNotation}`,
      file: () => (written ??= seededEdxmlFile(doc)),
      receipts: new Map([[doc.ToOrganId, { status: 'initial', updated: created }]]),
    });
  }

  send(sent: {
    messageType: 'edoc' | 'status';
    from: string;
    to: readonly string[];
    senderSystem: string;
    title: string;
    notation: string;
    file: string;
    now: Date;
  }): AxisFile {
    const file: AxisFile = {
      ...sent,
      docId: randomUUID(),
      created: sent.now,
      file: () => sent.file,
      receipts: new Map(sent.to.map((organ) => [organ, { status: 'initial' as ReceiptStatus, updated: sent.now }])),
    };
    this.files.set(file.docId, file);
    return file;
  }

  /** The receipts a system holds on a file (one per agency it serves among the receivers). */
  private receiptsOf(systemId: string, file: AxisFile): Array<[string, Receipt]> {
    const system = AXIS_SYSTEMS.find((s) => s.systemId === systemId);
    return system ? [...file.receipts].filter(([organ]) => system.serves(organ)) : [];
  }

  /** Files waiting for a system: addressed to one of its agencies and not yet acknowledged `done`. */
  waiting(systemId: string, messageType: string): Array<{ file: AxisFile; organ: string; receipt: Receipt }> {
    const out: Array<{ file: AxisFile; organ: string; receipt: Receipt }> = [];
    for (const file of this.files.values()) {
      if (file.messageType !== messageType) continue;
      for (const [organ, receipt] of this.receiptsOf(systemId, file)) if (receipt.status !== 'done') out.push({ file, organ, receipt });
    }
    return out.sort((a, b) => a.file.created.getTime() - b.file.created.getTime());
  }

  /** A file the system may download: one addressed to an agency it serves. */
  fetch(systemId: string, docId: string): AxisFile | undefined {
    const file = this.files.get(docId);
    return file && this.receiptsOf(systemId, file).length > 0 ? file : undefined;
  }

  /** Records the system's receipt of a file; false when the file is not addressed to it. */
  acknowledge(systemId: string, docId: string, status: ReceiptStatus, now: Date): boolean {
    const file = this.files.get(docId);
    const receipts = file ? this.receiptsOf(systemId, file) : [];
    for (const [, receipt] of receipts) Object.assign(receipt, { status, updated: now });
    return receipts.length > 0;
  }

  sentBy(systemId: string, messageType: string): AxisFile[] {
    return [...this.files.values()].filter((f) => f.senderSystem === systemId && f.messageType === messageType);
  }

  static describe(status: ReceiptStatus): string {
    return STATUS_DESC[status];
  }
}

const axes = new WeakMap<MockData, DocumentAxis>();

/** The axis of a data set: one per mock server's data, created with its seeded documents. */
export function documentAxisOf(data: MockData): DocumentAxis {
  let axis = axes.get(data);
  if (!axis) {
    axis = new DocumentAxis(data.receivedDocuments);
    axes.set(data, axis);
  }
  return axis;
}
