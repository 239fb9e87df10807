import { z } from 'zod';
import { asRecord, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation, type MapContext } from '../src/connector-kit/connector-definition';
import { amount } from '../src/connector-kit/fields';
import { refusedInAnswer } from './provider-refusal';
import { isoMonth } from '../src/connector-kit/vn-time';

/** Codes the price database gives the two kinds of market price (as the public client sends them). */
const LOAI_GIA = { 'ban-le': 5, 'ban-buon': 10 } as const;

const options = z.object({
  /** DIA_BAN: the province's code in the price database. */
  diaBan: z.string().min(1).max(3).default('24'),
  /** NGUON_SO_LIEU and DONVI_TTSL: where the figures come from and who collected them. */
  nguonSoLieu: z.string().min(1).max(3).default('2'),
  donViTtsl: z.string().min(1).max(3).default('2'),
  /** DINH_KY: the reporting period's kind; the public client sends 24 with a month in THOI_GIAN_BC_1/2. */
  dinhKy: z.number().int().nonnegative().default(24),
  nguoiTao: z.string().min(1).max(200).default('LGSP'),
  /** RECEIVER_CODE header; SENDER_CODE is the province's agency code unless `senderCode` is given. */
  receiverCode: z.string().min(1).max(50).default('CSDLGIA'),
  senderCode: z.string().min(1).max(50).optional(),
});

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
  .max(20_000_000);

const item = z.object({
  maHangHoa: z.string().min(1).max(50),
  /** Not part of the price database's message (items are known by code); kept so former callers still pass. */
  tenHangHoa: z.string().min(1).max(300).optional(),
  donViTinh: z.string().min(1).max(10),
  gia: amount,
  giaKyTruoc: amount.optional(),
  loaiGia: z.enum(['ban-le', 'ban-buon']).default('ban-le'),
  /** 1 own survey, 2 reported by a state body, 3 enterprises' price declarations, 4 bought, 5 other. */
  nguonThongTin: z.number().int().min(1).max(5).default(2),
  ghiChu: z.string().max(4000).optional(),
});

const input = z.object({
  kyBaoCao: isoMonth,
  nguoiTao: z.string().min(1).max(200).optional(),
  nguoiDuyet: z.string().min(1).max(200).optional(),
  tepWord: base64.optional(),
  tepPdf: base64.optional(),
  matHang: z.array(item).min(1).max(5000),
});
type Input = z.output<typeof input>;

function report(i: Input, o: z.output<typeof options>) {
  const [year, month] = i.kyBaoCao.split('-').map(Number) as [number, number];
  return {
    DIA_BAN: o.diaBan,
    NGUON_SO_LIEU: o.nguonSoLieu,
    DONVI_TTSL: o.donViTtsl,
    DINH_KY: o.dinhKy,
    THOI_GIAN_BC_1: month,
    THOI_GIAN_BC_2: month,
    THOI_GIAN_BC_NAM: year,
    FILE_DINH_KEM_WORD: i.tepWord ?? null,
    FILE_DINH_KEM_PDF: i.tepPdf ?? null,
    NGUOI_TAO: i.nguoiTao ?? o.nguoiTao,
    NGUOI_DUYET: i.nguoiDuyet ?? null,
    DS_HHDV_TT: i.matHang.map((m) => ({
      LOAI_GIA: LOAI_GIA[m.loaiGia],
      MA_HHDV: m.maHangHoa,
      DON_VI_TINH: m.donViTinh,
      GIA_KY_TRUOC: m.giaKyTruoc ?? null,
      GIA_KY_NAY: m.gia,
      NGUON_THONG_TIN: m.nguonThongTin,
      GHI_CHU: m.ghiChu ?? null,
    })),
  };
}

/** The routing headers every push carries; TRAN_CODE is this call's own code (the request id), which the answer does not echo. */
function routingHeaders(ctx: MapContext, o: z.output<typeof options>): Record<string, string> {
  return { SENDER_CODE: o.senderCode ?? ctx.province.agencyCode, TRAN_CODE: ctx.requestId, RECEIVER_CODE: o.receiverCode };
}

/** National price database (Ministry of Finance), reached through the provincial LGSP. */
export const csdlGia = defineConnector({
  id: 'csdl-gia',
  fidelity: 'public-artefacts',
  sources: [
    'mylovecoi/CSDLGia_ASP_VinhLong: CSDLGia_ASP/Controllers/Admin/Systems/API/APIController.cs (TruyenDuLieuCSDLQG: {"data":[…]} giahhdvk report; headers SENDER_CODE, TRAN_CODE, RECEIVER_CODE beside lgspaccesstoken and Bearer; LOAI_GIA 5/10, NGUON_THONG_TIN 1-5, DINH_KY 24 with month numbers)',
    'mylovecoi/CSDLGia_ASP_VinhLong: CSDLGia_ASP/ViewModels/Systems/CSDLQuocGia/VMGiaHHDVK.cs, VMGiaHHDVK_DSHH.cs, VMKetQua.cs (error_code "0"/"1" success, "-1" failure; message; result)',
    'mylovecoi/CSDLGia_ASP_VinhLong: CSDLGia_ASP/Helper/Helpers.cs (getAPIThietLapMacDinh: the giahhdvk field table, types, lengths, required)',
    'The endpoint path is configured per deployment (not public) and is modelled here; what `result` holds is not public',
  ],
  protocol: 'rest',
  options,
  operations: {
    'gui-du-lieu-gia': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/guiDuLieuGia' },
      input,
      toProvider: (i, ctx) => {
        const o = options.parse(ctx.options);
        return { kind: 'json', headers: routingHeaders(ctx, o), body: { data: [report(i, o)] } };
      },
      fromProvider: (answer, ctx) => {
        const r = asRecord(answer, 'answer');
        const code = String(r['error_code'] ?? '');
        // "0" and "1" are success, "-1" failure (the public client's VMKetQua).
        if (code !== '0' && code !== '1') throw refusedInAnswer(code, optString(r, 'message') ?? '');
        return {
          maTiepNhan: optString(r, 'result') ?? ctx.requestId,
          maGiaoDich: ctx.requestId,
          trangThai: 'DA_TIEP_NHAN',
          thongBao: optString(r, 'message'),
        };
      },
    }),
  },
});
