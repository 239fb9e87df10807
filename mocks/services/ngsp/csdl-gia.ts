import { z } from 'zod';
import type { MockService, ProtocolAdapter } from '../../protocols/mock-service';
import { jsonReply } from '../../protocols/replies';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { text } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

/** The platform's answer, success or not: `{"error_code","message","result"}`, "0"/"1" success and "-1" failure (the client's VMKetQua). */
const priceProtocol: ProtocolAdapter = {
  name: 'rest-json',
  errorReply: (error, status) => jsonReply({ error_code: '-1', message: error.message, result: null }, status ?? error.status),
};

const base64 = z.string().regex(/^[A-Za-z0-9+/\s]*={0,2}$/, 'chuỗi base64');
const count = z.number().int().nonnegative();

/** One price line (`DS_HHDV_TT` item); LOAI_GIA is documented as text but the public client sends numbers, so both pass. */
const priceLine = z.object({
  LOAI_GIA: z.union([z.number().int(), z.string().regex(/^\d{1,3}$/)]),
  MA_HHDV: text,
  DON_VI_TINH: text,
  GIA_KY_TRUOC: z.number().nonnegative().nullable().optional(),
  GIA_KY_NAY: z.number().nonnegative(),
  NGUON_THONG_TIN: z.number().int().min(1).max(5),
  GHI_CHU: z.string().nullable().optional(),
});

/** One market-price report (`giahhdvk`): the period is numbers (month, month, year), not dates. */
const priceReport = z.object({
  DIA_BAN: text,
  NGUON_SO_LIEU: text,
  DONVI_TTSL: text,
  DINH_KY: count,
  THOI_GIAN_BC_1: count,
  THOI_GIAN_BC_2: count.nullable().optional(),
  THOI_GIAN_BC_NAM: z.number().int().min(2000).max(2100),
  FILE_DINH_KEM_WORD: base64.nullable().optional(),
  FILE_DINH_KEM_PDF: base64.nullable().optional(),
  NGUOI_TAO: text,
  NGUOI_DUYET: z.string().nullable().optional(),
  DS_HHDV_TT: z.array(priceLine).min(1),
});

/** Present on every push; the public client sends them even empty. */
const routingHeaders = z.object({ SENDER_CODE: z.string(), TRAN_CODE: z.string(), RECEIVER_CODE: z.string() });

/** National price database (Ministry of Finance) behind the provincial LGSP: a push of `{"data":[…]}` reports. */
export function createCsdlGiaService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'csdl-gia',
    providerName: 'Cơ sở dữ liệu quốc gia về giá (Bộ Tài chính)',
    errorPrefix: 'GIA',
    auth: 'lgsp-access-token',
    fidelity: 'public-artefacts',
    protocol: priceProtocol,
    operations: [
      restOperation({
        operationId: 'gui-du-lieu-gia',
        // The real endpoint is configured per deployment (no public path): this one is the mock's.
        path: '/csdlgia/1.0/guiDuLieuGia',
        headers: routingHeaders,
        input: z.object({ data: z.array(priceReport).min(1) }),
        handle: (input, headers) => {
          // What `result` holds is not public: this mock puts the receipt id it assigns there.
          const id = datedId(deps, 'GIA');
          recordSubmission(deps, 'csdl-gia', id, { headers, ...input });
          const lines = input.data.reduce((sum, report) => sum + report.DS_HHDV_TT.length, 0);
          return { error_code: '0', message: `Tiếp nhận thành công ${input.data.length} báo cáo, ${lines} mặt hàng`, result: id };
        },
      }),
    ],
  });
}
