import { z } from 'zod';
import { asRecord, badResponse, need, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation, type MapContext } from '../src/connector-kit/connector-definition';
import { email, maHoSo, phone, soDinhDanh, text } from '../src/connector-kit/fields';
import { isoDate } from '../src/connector-kit/vn-time';
import { dmyToIso, isoToDmy, vnToday } from './dmy-date';
import { refusedInAnswer } from './provider-refusal';

/** Codes of the judicial-records declaration (appendix of the provincial guide). */
const GENDER = { Nam: 1, Nữ: 0 } as const;
/** idTypeId 3: citizen identity card, the paper that carries the 12-digit number. */
const ID_TYPE_CCCD = 3;
/** declareTypeId: 3846 a person for themself, 3845 through an authorised person. */
const DECLARE_SELF = 3846;
const DECLARE_MANDATED = 3845;
/** objectRequestId 72: a Vietnamese citizen. */
const OBJECT_VN_CITIZEN = 72;
/** infoType 2: a dossier submitted through the one-stop desk, looked up by its receipt number. */
const THROUGH_ONE_STOP = '2';

const code = z.number().int().positive();
const residencePeriod = z.object({
  tuNgay: isoDate,
  denNgay: isoDate,
  noiCuTru: text(500),
  ngheNghiep: text(200).optional(),
  noiLamViec: text(500).optional(),
});
const mandate = z.object({
  hoTen: text(200),
  soDinhDanh,
  quanHe: text(100),
  ngayUyQuyen: isoDate,
  gioiTinh: z.enum(['Nam', 'Nữ']).optional(),
  ngaySinh: isoDate.optional(),
  diaChi: text(500).optional(),
});

const requestInput = z.object({
  maHoSo,
  /** When the one-stop desk received the dossier (also the declaration date); today when absent. */
  ngayTiepNhan: isoDate.optional(),
  ngayHenTra: isoDate,
  soBienLai: text(50).optional(),
  soDinhDanh,
  hoTen: text(200),
  tenGoiKhac: text(200).optional(),
  gioiTinh: z.enum(['Nam', 'Nữ']),
  ngaySinh: isoDate,
  noiSinh: text(500).optional(),
  /** Codes of the judicial-records catalogues (traDanhMuc): nationality, ethnicity, administrative unit. */
  maQuocTich: code,
  maDanToc: code.optional(),
  diaChiThuongTru: text(500).optional(),
  maDiaBanThuongTru: code.optional(),
  soDienThoai: phone,
  email: email.optional(),
  tenCha: text(200).optional(),
  tenMe: text(200).optional(),
  tenVoChong: text(200).optional(),
  loaiPhieu: z.union([z.literal(1), z.literal(2)]),
  mucDich: text(500),
  /** One certificate unless told. */
  soLuongPhieu: z.number().int().min(1).max(20).optional(),
  yeuCauCamDamNhiemChucVu: z.boolean().optional(),
  quaTrinhCuTru: z.array(residencePeriod).min(1).max(30),
  uyQuyen: mandate.optional(),
});
type RequestInput = z.infer<typeof requestInput>;

const options = z.object({
  /** The provincial Department of Justice as the judicial-records system knows it (`idMinistryJustice`). */
  idMinistryJustice: z.string().min(1),
});

const compact = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function declaration(input: RequestInput, declareDate: string): Record<string, unknown> {
  return compact({
    fullName: input.hoTen,
    otherName: input.tenGoiKhac,
    genderId: GENDER[input.gioiTinh],
    birthDateStr: isoToDmy(input.ngaySinh),
    birthPlace: input.noiSinh,
    nationalityId: input.maQuocTich,
    ethnicId: input.maDanToc,
    residence: input.diaChiThuongTru,
    reRegionId: input.maDiaBanThuongTru,
    idTypeId: ID_TYPE_CCCD,
    identifyNo: input.soDinhDanh,
    dadName: input.tenCha,
    momName: input.tenMe,
    partnerName: input.tenVoChong,
    phone: input.soDienThoai,
    email: input.email,
    declareDate,
    declareTypeId: input.uyQuyen ? DECLARE_MANDATED : DECLARE_SELF,
    requestQty: input.soLuongPhieu ?? 1,
    objectRequestId: OBJECT_VN_CITIZEN,
    formType: input.loaiPhieu,
    isBanPosition: input.yeuCauCamDamNhiemChucVu ? 1 : 0,
    purpose: input.mucDich,
    receiveNo: input.maHoSo,
  });
}

function mandator(m: NonNullable<RequestInput['uyQuyen']>): Record<string, unknown> {
  return compact({
    fullName: m.hoTen,
    genderId: m.gioiTinh && GENDER[m.gioiTinh],
    birthDateStr: m.ngaySinh && isoToDmy(m.ngaySinh),
    residence: m.diaChi,
    idTypeId: ID_TYPE_CCCD,
    identifyNo: m.soDinhDanh,
    mandatorRelation: m.quanHe,
    mandatorDate: isoToDmy(m.ngayUyQuyen),
  });
}

/** `nhanHoSoDangKy`'s body: the dossier's receipt data, then the declaration, residence periods and mandate. */
export function declarationRequest(input: RequestInput, ctx: MapContext): Record<string, unknown> {
  const received = isoToDmy(input.ngayTiepNhan ?? vnToday(ctx.now));
  return compact({
    idMinistryJustice: String(ctx.options['idMinistryJustice']),
    idReceivedDec: input.maHoSo,
    dateReceivedDec: received,
    datePromissoryDec: isoToDmy(input.ngayHenTra),
    idMoneyReceipt: input.soBienLai,
    declarationWSForm: declaration(input, received),
    residenceWSForm: input.quaTrinhCuTru.map((p) =>
      compact({
        fromDateStr: isoToDmy(p.tuNgay),
        toDateStr: isoToDmy(p.denNgay),
        residencePlace: p.noiCuTru,
        jobName: p.ngheNghiep,
        workPlace: p.noiLamViec,
      }),
    ),
    mandatorWSForm: input.uyQuyen && mandator(input.uyQuyen),
  });
}

/** `STATUS` "1" passes; anything else is the centre's refusal, explained in `DESCRIPTION`. */
function accepted(answer: unknown): Record<string, unknown> {
  const r = asRecord(answer, 'STATUS');
  const status = String(need(r, 'STATUS'));
  if (status !== '1') throw refusedInAnswer(status, optString(r, 'DESCRIPTION') ?? '');
  return r;
}

/** National judicial records centre: criminal-record certificate requests, through `apiLyLichTuPhap`. */
export const lyLichTuPhap = defineConnector({
  id: 'ly-lich-tu-phap',
  fidelity: 'public-artefacts',
  sources: [
    'Quảng Bình provincial LGSP API guide "Tài liệu hướng dẫn kết nối API thông qua NGSP" (api.quangbinh.gov.vn): Dịch vụ lý lịch tư pháp — nhanHoSoDangKy, LLTP-API-traTrangThaiHs and the appendix of declarationWSForm/residenceWSForm/mandatorWSForm parameters',
  ],
  protocol: 'rest',
  options,
  operations: {
    'gui-yeu-cau': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/nhanHoSoDangKy' },
      input: requestInput,
      personalFields: [
        'soDinhDanh',
        'hoTen',
        'tenGoiKhac',
        'ngaySinh',
        'noiSinh',
        'diaChiThuongTru',
        'soDienThoai',
        'email',
        'tenCha',
        'tenMe',
        'tenVoChong',
        'quaTrinhCuTru',
        'uyQuyen',
      ],
      toProvider: (input, ctx) => ({ kind: 'json', body: declarationRequest(input, ctx) }),
      fromProvider: (answer) => {
        const r = accepted(answer);
        return { maYeuCau: needString(r, 'ID'), moTa: optString(r, 'DESCRIPTION') };
      },
    }),
    'tra-cuu-ket-qua': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/LLTP-API-traTrangThaiHs' },
      input: z.object({ maHoSo }),
      toProvider: (input) => ({ kind: 'json', body: { idReceivedDec: input.maHoSo, infoType: THROUGH_ONE_STOP } }),
      fromProvider: (answer) => {
        const r = accepted(answer);
        const trangThai = Number(need(r, 'DEC_STATUS_ID'));
        if (![3, 4, 5].includes(trangThai)) throw badResponse(`The provider's DEC_STATUS_ID ${trangThai} is not 3, 4 or 5`);
        return {
          trangThai,
          tenTrangThai: optString(r, 'DEC_STATUS_NAME'),
          ngayPheDuyet: dmyToIso(r['APPROVE_DATE']),
          ngayCapPhieu: dmyToIso(r['ISSUE_DATE']),
        };
      },
    }),
  },
});
