import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { DEV_PAYMENT_PARTNER } from '../../data/dossiers';
import type { Payment } from '../../data/records';
import type { Dispatch, MockReply, MockService, ProtocolAdapter, ServiceEndpoint } from '../../protocols/mock-service';
import { textPdf } from '../../protocols/pdf-document';
import { ProviderError } from '../../protocols/provider-error';
import { jsonReply } from '../../protocols/replies';
import { parseJsonBody } from '../../protocols/rest-json';
import { dvcqgTimeField, text } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

/** Partners and their checksum secrets (the development one equals the gateway catalog's `maBiMat`). */
export const DEV_PAYMENT_PARTNERS: Readonly<Record<string, string>> = { [DEV_PAYMENT_PARTNER]: 'dvcqg-payment-dev-secret' };
const PHIEN_BAN = '1.0.6';

/**
 * The platform's refusal codes. Success ("0" for INIT's `error_code`, "00" for `MaLoi`) is
 * public; public clients test nothing else, so the refusal codes are this mock's choice.
 */
export const PAYMENT_CODES = { invalid: '01', unknownPartner: '02', badChecksum: '03', notFound: '04', notPaid: '05' } as const;

const INIT_SIGNED = [
  'LoaiBanTin',
  'PhienBan',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'LoaiHinhThanhToan',
  'MaKenhThanhToan',
  'MaThietBi',
  'NgonNgu',
  'MaTienTe',
  'MaNganHang',
  'ThongTinGiaoDich',
  'ThoiGianGD',
  'Ip',
] as const;
/** QUERY and GET_BILL sign the same fields. */
const QUERY_SIGNED = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;
/** The order public clients use to sign a transaction's result (the confirm message); the mock signs QUERY answers so. */
const RESULT_SIGNED = [
  'LoaiBanTin',
  'MaLoi',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'MaTienTe',
  'MaGiaoDich',
  'MaNganHang',
  'ThoiGianGD',
  'ThongTinGiaoDich',
] as const;

const checksum = (values: readonly unknown[], secret: string): string =>
  createHash('sha256')
    .update([...values.map((v) => (v === null || v === undefined ? '' : String(v))), secret].join('|'), 'utf8')
    .digest('hex');

const digits = z.string().regex(/^\d+$/, 'số dạng chuỗi');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');
const header = {
  PhienBan: z.literal(PHIEN_BAN),
  MaDoiTac: text,
  MaThamChieu: z.string().regex(/^\w{6,255}$/),
  ThoiGianGD: dvcqgTimeField,
  MaXacThuc: hex64,
};

const fee = z.object({ LoaiPhiLePhi: z.string(), MaPhiLePhi: z.string(), TenPhiLePhi: text, SoTien: digits });
const initMessage = z.object({
  LoaiBanTin: z.literal('INIT'),
  ...header,
  SoTien: digits,
  LoaiHinhThanhToan: z.literal('PAY'),
  MaKenhThanhToan: digits,
  MaThietBi: digits,
  NgonNgu: z.enum(['vi-VN', 'en-US']),
  MaTienTe: z.literal('VND'),
  MaNganHang: text,
  ThongTinGiaoDich: text,
  Ip: text,
  ThongTinBienLai: z.looseObject({
    MaDichVu: z.string(),
    MaHoSo: text,
    MaDonVi: z.string(),
    HoTenNguoiNop: text,
    PhiLePhi: z.array(fee).min(1),
    DSKhoanNop: z.array(z.object({ NoiDung: text, SoTien: digits })),
  }),
});
const queryMessage = z.object({ LoaiBanTin: z.literal('QUERY'), ...header });
const getBillMessage = z.object({ LoaiBanTin: z.literal('GET_BILL'), ...header });

type Signed = { MaDoiTac: string; MaXacThuc: string } & Record<string, unknown>;

/** Passes when the partner is known and the message's checksum is right; the platform's refusal otherwise. */
function verify(message: Signed, fields: readonly string[]): void {
  const secret = DEV_PAYMENT_PARTNERS[message.MaDoiTac];
  if (secret === undefined) throw new ProviderError(PAYMENT_CODES.unknownPartner, `Mã đối tác ${message.MaDoiTac} không tồn tại`, 200);
  const expected = Buffer.from(
    checksum(
      fields.map((f) => message[f]),
      secret,
    ),
  );
  // The schema made MaXacThuc 64 hex characters: equal lengths, as timingSafeEqual needs.
  if (!timingSafeEqual(expected, Buffer.from(message.MaXacThuc))) {
    throw new ProviderError(PAYMENT_CODES.badChecksum, 'Mã xác thực (MaXacThuc) không hợp lệ', 200);
  }
}

function parseMessage<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const body = parseJsonBody(req);
  const parsed = schema.safeParse(body.ok ? body.value : undefined);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(bản tin)'}: ${i.message}`);
  throw new ProviderError(PAYMENT_CODES.invalid, `Bản tin không hợp lệ: ${problems.join('; ')}`, 200);
}

/** INIT and GET_BILL refusals: `{"error_code","message"}`; HTTP 200 unless the platform itself fails. */
const paymentProtocol: ProtocolAdapter = {
  name: 'rest-json',
  errorReply: (error, status) =>
    jsonReply({ error_code: error.code, message: error.message }, status ?? (error.status >= 500 ? error.status : 200)),
};

/** QUERY answers flat, refusals included: `MaLoi`/`MoTaLoi` beside the echoed reference. */
function queryRefusal(error: ProviderError, body: unknown): MockReply {
  const echo = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return jsonReply({
    MaLoi: error.code,
    MoTaLoi: error.message,
    LoaiBanTin: 'QUERY',
    MaDoiTac: echo['MaDoiTac'] ?? null,
    MaThamChieu: echo['MaThamChieu'] ?? null,
    ThoiGianGD: echo['ThoiGianGD'] ?? null,
  });
}

function queryAnswer(p: Payment): Record<string, unknown> {
  const result = {
    MaLoi: '00',
    MoTaLoi: 'Thành công',
    LoaiBanTin: 'QUERY',
    MaDoiTac: p.MaDoiTac,
    MaThamChieu: p.MaThamChieu,
    ThoiGianGD: p.ThoiGianGD,
    SoTien: p.SoTien,
    MaTienTe: 'VND',
    MaGiaoDich: p.MaGiaoDich,
    MaNganHang: p.MaNganHang,
    ThongTinGiaoDich: p.ThongTinGiaoDich,
    TrangThaiGD: p.TrangThaiGD,
  };
  return {
    ...result,
    MaXacThuc: checksum(
      RESULT_SIGNED.map((f) => result[f]),
      DEV_PAYMENT_PARTNERS[p.MaDoiTac] ?? '',
    ),
  };
}

/** The transaction a QUERY or GET_BILL names: same partner, reference and time as its INIT. */
function transactionOf(payments: ReadonlyMap<string, Payment>, m: { MaDoiTac: string; MaThamChieu: string; ThoiGianGD: string }): Payment {
  const p = payments.get(m.MaThamChieu);
  if (p === undefined || p.ThoiGianGD !== m.ThoiGianGD || p.MaDoiTac !== m.MaDoiTac) {
    throw new ProviderError(PAYMENT_CODES.notFound, `Không tìm thấy giao dịch ${m.MaThamChieu}`, 200);
  }
  return p;
}

const money = (soTien: number): string => `${soTien.toLocaleString('en-US').replace(/,/g, '.')} VND`;
const readableTime = (t: string | null): string =>
  t === null ? '' : `${t.slice(6, 8)}/${t.slice(4, 6)}/${t.slice(0, 4)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;

/** The receipt of a paid transaction, as the PDF the platform answers GET_BILL with. */
function receiptReply(p: Payment): MockReply {
  const pdf = textPdf('BIEN LAI THU PHI, LE PHI', [
    'Nen tang thanh toan truc tuyen - Cong Dich vu cong quoc gia',
    `Ma tham chieu: ${p.MaThamChieu}`,
    `Ma giao dich: ${p.MaGiaoDich ?? ''}`,
    `Ma ho so: ${p.MaHoSo}`,
    `Noi dung: ${p.ThongTinGiaoDich}`,
    `So tien: ${money(p.SoTien)}`,
    `Ngan hang: ${p.MaNganHang}`,
    `Thoi gian thanh toan: ${readableTime(p.ThoiGianThanhToan)}`,
  ]);
  return {
    status: 200,
    contentType: 'application/pdf',
    body: pdf,
    headers: { 'Content-Disposition': `attachment; filename="BienLai_${p.MaThamChieu}.pdf"` },
  };
}

/** Runs `work`; a ProviderError becomes the message type's own refusal. */
function dispatch(operationId: string, work: () => MockReply, refuse: (err: ProviderError) => MockReply): Dispatch {
  return {
    operationId,
    run: () => {
      try {
        return work();
      } catch (err) {
        if (err instanceof ProviderError) return refuse(err);
        throw err;
      }
    },
  };
}

export function createDvcqgThanhToanService({ data }: ServiceDeps): MockService {
  const init: ServiceEndpoint = {
    method: 'post',
    path: '/thanhtoan/1.0/init',
    bodyLimit: '1mb',
    operations: [{ operationId: 'tao-giao-dich', wireOperation: 'INIT' }],
    async decode(req) {
      return dispatch(
        'tao-giao-dich',
        () => {
          const m = parseMessage(initMessage, req);
          verify(m, INIT_SIGNED);
          const existing = data.payments.get(m.MaThamChieu);
          if (existing === undefined) {
            data.payments.set(m.MaThamChieu, {
              MaThamChieu: m.MaThamChieu,
              ThoiGianGD: m.ThoiGianGD,
              MaDoiTac: m.MaDoiTac,
              SoTien: Number(m.SoTien),
              ThongTinGiaoDich: m.ThongTinGiaoDich,
              MaHoSo: m.ThongTinBienLai.MaHoSo,
              MaNganHang: m.MaNganHang,
              MaGiaoDich: null,
              TrangThaiGD: '3',
              ThoiGianThanhToan: null,
            });
          }
          const url = `https://thanhtoan.dichvucong.gov.vn/payment?ref=${encodeURIComponent(m.MaThamChieu)}`;
          return jsonReply({
            error_code: '0',
            message: JSON.stringify({
              MaLoi: '00',
              MoTaLoi: 'Thành công',
              MaDoiTac: m.MaDoiTac,
              MaThamChieu: m.MaThamChieu,
              ThoiGianGD: existing?.ThoiGianGD ?? m.ThoiGianGD,
              UrlThanhToan: url,
            }),
          });
        },
        (err) => paymentProtocol.errorReply(err),
      );
    },
  };
  const query: ServiceEndpoint = {
    method: 'post',
    path: '/thanhtoan/1.0/query',
    bodyLimit: '1mb',
    operations: [{ operationId: 'tra-cuu-giao-dich', wireOperation: 'QUERY' }],
    async decode(req) {
      const body = parseJsonBody(req);
      return dispatch(
        'tra-cuu-giao-dich',
        () => {
          const m = parseMessage(queryMessage, req);
          verify(m, QUERY_SIGNED);
          return jsonReply(queryAnswer(transactionOf(data.payments, m)));
        },
        (err) => queryRefusal(err, body.ok ? body.value : null),
      );
    },
  };
  const getBill: ServiceEndpoint = {
    method: 'post',
    path: '/thanhtoan/1.0/getbill',
    bodyLimit: '1mb',
    operations: [{ operationId: 'lay-bien-lai', wireOperation: 'GET_BILL' }],
    async decode(req) {
      return dispatch(
        'lay-bien-lai',
        () => {
          const m = parseMessage(getBillMessage, req);
          verify(m, QUERY_SIGNED);
          const p = transactionOf(data.payments, m);
          if (p.TrangThaiGD !== '1') {
            throw new ProviderError(PAYMENT_CODES.notPaid, `Giao dịch ${m.MaThamChieu} chưa thanh toán thành công, chưa có biên lai`, 200);
          }
          return receiptReply(p);
        },
        (err) => paymentProtocol.errorReply(err),
      );
    },
  };
  return {
    id: 'dvcqg-thanh-toan',
    providerName: 'Nền tảng thanh toán trực tuyến (Payment Platform)',
    errorPrefix: 'TT',
    auth: 'ngsp-wso2',
    fidelity: 'public-artefacts',
    operations: ['tao-giao-dich', 'tra-cuu-giao-dich', 'lay-bien-lai'],
    protocol: paymentProtocol,
    endpoints: [init, query, getBill],
  };
}
