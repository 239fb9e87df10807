import { z } from 'zod';
import { asRecord, needString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { maHoSo } from '../src/connector-kit/fields';

const options = z.object({
  /** The province's site id at EMC (an integer on the wire). */
  siteId: z.coerce.number().int().positive(),
  /** The province code EMC files the user under (`LOCATION`). */
  maTinh: z.string().min(1).max(10),
});

/**
 * EMC's Status from the dossier state (TrangThaiHoSo 1–10), as public clients map it: received
 * (1, 2) → 1, in process (4) → 2, result returned (9, 10) → 3, anything else → 0; 4 (assigned)
 * exists on EMC's side but is not sent by them.
 */
function emcStatus(trangThai: number): string {
  if (trangThai === 1 || trangThai === 2) return '1';
  if (trangThai === 4) return '2';
  if (trangThai === 9 || trangThai === 10) return '3';
  return '0';
}

/** EMC's FormsReception: 1 online, 2 in person; a dossier sent by public post counts as online. */
const formsReception = (kenh: 1 | 2 | 3): string => (kenh === 1 ? '2' : '1');

/** `User` is a JSON string naming the applicant; TYPE 1 for a 10-digit (business tax) code, 2 otherwise. */
function emcUser(soGiayTo: string | undefined, maTinh: string): string {
  const id = soGiayTo ?? '';
  return JSON.stringify({ ID_local: id, ID_QG: id, TYPE: id.length === 10 ? '1' : '2', LOCATION: maTinh });
}

/** Online-public-service monitoring (EMC): one `TrackingMCDT` event per dossier step. */
export const emcGiamSat = defineConnector({
  id: 'emc-giam-sat',
  fidelity: 'public-artefacts',
  sources: [
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Infrastructure/EMC/EMCService.cs',
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Core/Application/Common/EMC/EMCRequestBody.cs',
  ],
  protocol: 'rest',
  options,
  operations: {
    'ghi-nhan-su-kien': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '' },
      input: z.object({
        maHoSo,
        maThuTuc: z.string().min(1).max(50),
        tenThuTuc: z.string().max(1000).optional(),
        trangThai: z.number().int().min(1).max(10),
        /** Channel the dossier came in by: 1 in person, 2 online, 3 public post. */
        kenh: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        /** FormsPayments: 0 not paid (when not given), 1 paid online, 2 paid at the counter. */
        hinhThucThanhToan: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
        /** Level: 0/1 direct (partial/full), 3/4 online (partial/full); 3 when not given. */
        mucDo: z.union([z.literal(0), z.literal(1), z.literal(3), z.literal(4)]).optional(),
        tuDvcqg: z.boolean().optional(),
        traKetQuaQuaBuuChinh: z.boolean().optional(),
        /** The applicant's identity paper (CCCD) or business tax code. */
        soGiayToChuHoSo: z
          .string()
          .regex(/^\d{9,13}$/)
          .optional(),
        duLieu: z.string().max(4000).optional(),
      }),
      personalFields: ['soGiayToChuHoSo'],
      toProvider: (input, ctx) => {
        const o = options.parse(ctx.options);
        return {
          kind: 'json',
          body: {
            CodeProfile: input.maHoSo,
            SiteId: o.siteId,
            CodeTTHC: input.maThuTuc,
            NameTTHC: input.tenThuTuc ?? '',
            MaHoSo: input.maHoSo,
            Status: emcStatus(input.trangThai),
            FormsReception: formsReception(input.kenh),
            // Optional rather than defaulted: events queued before these fields existed still map.
            FormsPayments: String(input.hinhThucThanhToan ?? 0),
            Level: String(input.mucDo ?? 3),
            IsFromDVCQG: input.tuDvcqg ? '1' : '0',
            IsDVCBC: input.traKetQuaQuaBuuChinh ? '1' : '0',
            Data: input.duLieu ?? null,
            User: emcUser(input.soGiayToChuHoSo, o.maTinh),
          },
        };
      },
      fromProvider: (answer) => {
        const r = asRecord(answer, 'acknowledgement');
        return { ketQua: needString(r, 'KetQua'), maSuKien: needString(r, 'MaSuKien') };
      },
    }),
  },
});
