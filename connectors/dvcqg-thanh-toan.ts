import { createHash } from 'node:crypto';
import { z } from 'zod';
import { asRecord, badResponse, needString, optString } from '../src/connector-kit/answer';
import { isBinaryDocument } from '../src/connector-kit/binary-document';
import { defineConnector, defineOperation, type MapContext } from '../src/connector-kit/connector-definition';
import { amount, maHoSo } from '../src/connector-kit/fields';
import { dvcqgTimeToIso, isoDateTime, isoToDvcqgTime } from '../src/connector-kit/vn-time';
import { GatewayError } from '../src/errors/gateway-error';

/** Message version of the national payment platform that the public clients speak. */
const PHIEN_BAN = '1.0.6';

const options = z.object({
  /** The partner code the platform gave the province, and the secret of its checksums. */
  maDoiTac: z.string().min(1),
  maBiMat: z.string().min(1),
  /** Sent as `Ip` when the caller gives none: the address the platform knows the partner by. */
  ip: z.string().min(1).default('127.0.0.1'),
});

type Options = z.infer<typeof options>;

/**
 * `MaXacThuc`: SHA-256 hex of the message's fields joined by `|`, the partner secret last. Each
 * message type signs its own fields in its own order (see the field lists below).
 */
export function maXacThuc(fields: readonly string[], secret: string): string {
  return createHash('sha256')
    .update([...fields, secret].join('|'), 'utf8')
    .digest('hex');
}

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

function signed<T extends Record<string, unknown>>(
  message: T,
  fields: readonly (keyof T & string)[],
  secret: string,
): T & { MaXacThuc: string } {
  return {
    ...message,
    MaXacThuc: maXacThuc(
      fields.map((f) => String(message[f])),
      secret,
    ),
  };
}

const partner = (ctx: MapContext): Options => options.parse(ctx.options);

/** The platform's own refusal: its code and text kept, never worth repeating as is. */
function refusal(code: unknown, message: unknown): GatewayError {
  return new GatewayError('Server.Provider.Error', `The provider answered [${String(code)}] ${String(message ?? '')}`.trim(), {
    providerCode: String(code),
    retryable: false,
  });
}

const phiLePhi = z.object({
  loai: z.string().max(20).default('Phi'),
  ma: z.string().max(100).optional(),
  ten: z.string().min(1).max(500),
  soTien: amount,
});

const initInput = z.object({
  maHoSo,
  soTien: amount.positive(),
  noiDung: z.string().min(1).max(500),
  nguoiNop: z.string().min(1).max(200),
  /** Given by the caller to find the transaction again; made from the dossier code and the time otherwise. */
  maThamChieu: z
    .string()
    .regex(/^[A-Za-z0-9_]{6,255}$/)
    .optional(),
  soGiayToNguoiNop: z.string().max(20).optional(),
  diaChiNguoiNop: z.string().max(500).optional(),
  maThuTuc: z.string().max(50).optional(),
  tenThuTuc: z.string().max(250).optional(),
  maDichVuCong: z.string().max(50).optional(),
  maDonVi: z.string().max(50).optional(),
  tenDonVi: z.string().max(500).optional(),
  taiKhoanThuHuong: z
    .object({ soTaiKhoan: z.string().min(1).max(50), maNganHang: z.string().min(1).max(50), tenTaiKhoan: z.string().min(1).max(200) })
    .optional(),
  phiLePhi: z.array(phiLePhi).max(20).optional(),
  maNganHang: z.string().max(50).default('PAYMENT'),
  ngonNgu: z.enum(['vi', 'en']).default('vi'),
  ip: z.string().max(45).optional(),
});

type InitInput = z.infer<typeof initInput>;

/** The receipt details the platform prints on the bill (`ThongTinBienLai`); unknown ones go as "". */
function thongTinBienLai(input: InitInput, ctx: MapContext): Record<string, unknown> {
  const fees = input.phiLePhi ?? [{ loai: 'Phi', ma: input.maDichVuCong, ten: input.noiDung, soTien: input.soTien }];
  const blank = '';
  return {
    MaDichVu: '2',
    MaDVC: input.maDichVuCong ?? blank,
    TenDVC: input.tenThuTuc ?? blank,
    MaTTHC: input.maThuTuc ?? blank,
    TenTTHC: input.tenThuTuc ?? blank,
    MaDonVi: input.maDonVi ?? ctx.province.agencyCode,
    TenDonVi: input.tenDonVi ?? ctx.province.name,
    MaHoSo: input.maHoSo,
    TKThuHuong: input.taiKhoanThuHuong?.soTaiKhoan ?? blank,
    MaNHThuHuong: input.taiKhoanThuHuong?.maNganHang ?? blank,
    TenTKThuHuong: input.taiKhoanThuHuong?.tenTaiKhoan ?? blank,
    MaLoaiHinhThuPhat: blank,
    TenLoaiHinhThuPhat: blank,
    MaCoQuanQD: blank,
    TenCoQuanQD: blank,
    KhoBac: blank,
    NgayQD: blank,
    SoQD: blank,
    ThoiGianViPham: blank,
    DiaDiemViPham: blank,
    TenNguoiViPham: blank,
    TaiKhoanThuNSNN: blank,
    NoiDungThanhToan: input.noiDung,
    HoTenNguoiNop: input.nguoiNop,
    SoCMNDNguoiNop: input.soGiayToNguoiNop ?? blank,
    DiaChiNguoiNop: input.diaChiNguoiNop ?? blank,
    HuyenNguoiNop: blank,
    TinhNguoiNop: blank,
    PhiLePhi: fees.map((f) => ({ LoaiPhiLePhi: f.loai, MaPhiLePhi: f.ma ?? blank, TenPhiLePhi: f.ten, SoTien: String(f.soTien) })),
    DSKhoanNop: fees.map((f) => ({ NoiDung: f.ten, SoTien: String(f.soTien) })),
  };
}

function initMessage(input: InitInput, ctx: MapContext): Record<string, unknown> {
  const p = partner(ctx);
  const thoiGianGD = isoToDvcqgTime(ctx.now.toISOString());
  const message = {
    LoaiBanTin: 'INIT',
    PhienBan: PHIEN_BAN,
    MaDoiTac: p.maDoiTac,
    // Public clients make the reference from the dossier code without punctuation and the time.
    MaThamChieu: input.maThamChieu ?? `${input.maHoSo.replace(/\W/g, '')}${thoiGianGD}`,
    SoTien: String(input.soTien),
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: '1',
    MaThietBi: '1',
    NgonNgu: input.ngonNgu === 'en' ? 'en-US' : 'vi-VN',
    MaTienTe: 'VND',
    MaNganHang: input.maNganHang,
    ThongTinGiaoDich: input.noiDung,
    ThoiGianGD: thoiGianGD,
    Ip: input.ip ?? p.ip,
  };
  return { ...signed(message, [...INIT_SIGNED], p.maBiMat), ThongTinBienLai: thongTinBienLai(input, ctx) };
}

/**
 * INIT answers `{"error_code","message"}` whose message is itself JSON on success ("0"). Public
 * clients read only `UrlThanhToan` from it; the reference it echoes is this model's assumption,
 * and the time falls back to the request's own (mapping shares one clock per call).
 */
function fromInit(answer: unknown, ctx: MapContext): Record<string, unknown> {
  const r = asRecord(answer, 'payment answer');
  if (String(r['error_code']) !== '0') throw refusal(r['error_code'], r['message']);
  let inner: Record<string, unknown>;
  try {
    inner = asRecord(JSON.parse(needString(r, 'message')), 'payment message');
  } catch (err) {
    throw badResponse("The payment platform's message is not JSON", err);
  }
  return {
    maThamChieu: needString(inner, 'MaThamChieu'),
    thoiGianGiaoDich: dvcqgTimeToIso(optString(inner, 'ThoiGianGD') ?? isoToDvcqgTime(ctx.now.toISOString())),
    duongDanThanhToan: needString(inner, 'UrlThanhToan'),
    trangThai: 'CHO_THANH_TOAN',
  };
}

/** TrangThaiGD: 1 paid, 3 pending (the platform does not know yet), 4 failed. */
const TRANG_THAI_GD: Readonly<Record<string, string>> = { '1': 'DA_THANH_TOAN', '3': 'CHO_THANH_TOAN', '4': 'THAT_BAI' };

/** QUERY answers flat: `MaLoi` "00" and the transaction, or `MaLoi`/`MoTaLoi` of the refusal. */
function fromQuery(answer: unknown): Record<string, unknown> {
  const r = asRecord(answer, 'payment answer');
  if (r['error_code'] !== undefined) throw refusal(r['error_code'], r['message']);
  if (String(r['MaLoi']) !== '00') throw refusal(r['MaLoi'], r['MoTaLoi']);
  const state = needString(r, 'TrangThaiGD');
  return {
    maThamChieu: needString(r, 'MaThamChieu'),
    maGiaoDich: optString(r, 'MaGiaoDich'),
    soTien: r['SoTien'] === undefined || r['SoTien'] === null ? null : Number(r['SoTien']),
    maNganHang: optString(r, 'MaNganHang'),
    thongTinGiaoDich: optString(r, 'ThongTinGiaoDich'),
    thoiGianGiaoDich: dvcqgTimeToIso(r['ThoiGianGD']),
    trangThai: TRANG_THAI_GD[state] ?? `KHAC_${state}`,
  };
}

/** A transaction's reference and time, as INIT answered them: QUERY and GET_BILL find it by both. */
const transactionInput = z.object({
  maThamChieu: z.string().regex(/^[A-Za-z0-9_]{6,255}$/, 'must be the reference given at creation'),
  thoiGianGiaoDich: isoDateTime,
});

/** QUERY and GET_BILL: the same signed fields, only `LoaiBanTin` differs. */
function lookupMessage(
  loaiBanTin: 'QUERY' | 'GET_BILL',
  input: z.infer<typeof transactionInput>,
  ctx: MapContext,
): Record<string, unknown> {
  const p = partner(ctx);
  const message = {
    LoaiBanTin: loaiBanTin,
    PhienBan: PHIEN_BAN,
    MaDoiTac: p.maDoiTac,
    MaThamChieu: input.maThamChieu,
    ThoiGianGD: isoToDvcqgTime(input.thoiGianGiaoDich),
  };
  return signed(message, [...QUERY_SIGNED], p.maBiMat);
}

/** Where the trailer must be: PDF readers look for `%%EOF` within the file's last 1024 bytes. */
const PDF_TAIL_BYTES = 1024;

/**
 * GET_BILL answers the receipt as PDF bytes, or a refusal `{"error_code","message"}` with status
 * 200 (public clients only check that bytes came). A cut or foreign document is a bad answer,
 * not a receipt to hand on.
 */
function fromBill(answer: unknown): Record<string, unknown> {
  if (!isBinaryDocument(answer)) {
    const r = asRecord(answer, 'receipt');
    if (r['error_code'] !== undefined && r['error_code'] !== null) throw refusal(r['error_code'], r['message']);
    throw badResponse("The payment platform's answer is neither a receipt nor a refusal");
  }
  const bytes = Buffer.from(answer.contentBase64, 'base64');
  const whole = bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.subarray(-PDF_TAIL_BYTES).includes('%%EOF', 0, 'latin1');
  if (!whole) throw badResponse('The receipt the payment platform sent is not a whole PDF document');
  return {
    contentType: 'application/pdf',
    fileName: answer.fileName ?? 'bien-lai.pdf',
    sizeBytes: answer.sizeBytes,
    sha256: answer.sha256,
    contentBase64: answer.contentBase64,
  };
}

/** National online payment platform of the public service portal, message version 1.0.6. */
export const dvcqgThanhToan = defineConnector({
  id: 'dvcqg-thanh-toan',
  fidelity: 'public-artefacts',
  sources: [
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Infrastructure/DvcPayment/DvcPaymentService.cs',
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Infrastructure/DvcPayment/InitDvcPaymentRequest.cs',
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Core/Application/Business/YeuCauThanhToanApp/Commands/ConfirmDvcPaymentCommand.cs',
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Core/Application/Common/DvcPayment/InitDvcPaymentResponse.cs',
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Core/Application/Common/DvcPayment/BienLaiDvcPaymentRequest.cs',
  ],
  protocol: 'rest',
  options,
  operations: {
    'tao-giao-dich': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/init' },
      input: initInput,
      personalFields: ['nguoiNop', 'soGiayToNguoiNop', 'diaChiNguoiNop'],
      toProvider: (input, ctx) => ({ kind: 'json', body: initMessage(input, ctx) }),
      fromProvider: fromInit,
    }),
    'tra-cuu-giao-dich': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/query' },
      input: transactionInput,
      toProvider: (input, ctx) => ({ kind: 'json', body: lookupMessage('QUERY', input, ctx) }),
      fromProvider: fromQuery,
    }),
    'lay-bien-lai': defineOperation({
      // The receipt path is not public (clients read it from their settings): `/getbill` is modelled.
      wire: { protocol: 'rest', method: 'POST', path: '/getbill', responseType: 'binary' },
      input: transactionInput,
      toProvider: (input, ctx) => ({ kind: 'json', body: lookupMessage('GET_BILL', input, ctx) }),
      fromProvider: fromBill,
    }),
  },
});
