import { z } from 'zod';
import { declarationId } from '../../data/civil-records';
import type { MockService, ProtocolAdapter } from '../../protocols/mock-service';
import { ProviderError } from '../../protocols/provider-error';
import { jsonReply } from '../../protocols/replies';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { citizenIdField } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

/** The Department of Justice the mock's judicial-records system serves (the gateway's dev `idMinistryJustice`). */
export const DEV_ID_MINISTRY_JUSTICE = '000.00.16.H06';

const DMY = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/\d{4}$/;
/** Birth and residence dates may be a full date, a month or a year. */
const PARTIAL_DATE = /^((0[1-9]|[12]\d|3[01])\/)?((0[1-9]|1[0-2])\/)?\d{4}$/;
const dmy = z.string().regex(DMY, 'định dạng dd/MM/yyyy');
const partialDate = z.string().regex(PARTIAL_DATE, 'định dạng dd/MM/yyyy, MM/yyyy hoặc yyyy');
/** "(Định dạng số)" fields: a number, or digits in a string. */
const numeric = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const oneOf = (...values: number[]) => numeric.refine((v) => values.includes(v), { message: `phải là ${values.join(', ')}` });

const declaration = z
  .object({
    fullName: z.string().trim().min(1),
    genderId: oneOf(0, 1),
    birthDateStr: partialDate,
    nationalityId: numeric,
    idTypeId: oneOf(0, 1, 2, 3),
    identifyNo: z.string().trim().min(1),
    phone: z.string().regex(/^\d{9,11}$/, 'số điện thoại'),
    declareDate: dmy,
    declareTypeId: oneOf(3844, 3845, 3846, 3847),
    requestQty: numeric.refine((v) => v >= 1, 'ít nhất 1'),
    objectRequestId: oneOf(71, 72, 73, 74),
    formType: oneOf(1, 2),
    purpose: z.string().optional(),
    receiveNo: z.string().optional(),
  })
  .loose();
const residence = z.object({ fromDateStr: partialDate, toDateStr: partialDate, residencePlace: z.string().trim().min(1) }).loose();
const mandator = z
  .object({ fullName: z.string().trim().min(1), mandatorRelation: z.string().optional(), mandatorDate: dmy.optional() })
  .loose();

const submission = z
  .object({
    idMinistryJustice: z.string().min(1),
    idReceivedDec: z.string().trim().min(1),
    dateReceivedDec: dmy,
    datePromissoryDec: dmy,
    idMoneyReceipt: z.string().optional(),
    declarationWSForm: declaration,
    residenceWSForm: z.array(residence).min(1),
    mandatorWSForm: mandator.optional(),
  })
  .refine((v) => v.declarationWSForm.declareTypeId !== 3845 || v.mandatorWSForm !== undefined, {
    message: 'tờ khai ủy quyền cần mandatorWSForm',
    path: ['mandatorWSForm'],
  });

const STATUS_NAMES: Readonly<Record<number, string>> = { 3: 'STP đã tiếp nhận', 4: 'Đang xử lý', 5: 'Đã có phiếu' };

/** `{"STATUS":"0","DESCRIPTION"}`: the centre explains a refusal in words, inside a 200 answer; the `error` fault keeps its status. */
export const lltpProtocol: ProtocolAdapter = {
  name: 'rest-json',
  errorReply: (error, status) =>
    jsonReply({ STATUS: '0', DESCRIPTION: error.message }, status ?? (error.status < 500 ? 200 : error.status)),
};

const refused = (description: string): ProviderError => new ProviderError('0', description, 200);

/** Judicial records (Ministry of Justice) behind the provincial platform's `apiLyLichTuPhap`. */
export function createLyLichTuPhapService(deps: ServiceDeps): MockService {
  const { data } = deps;
  return defineRestService({
    id: 'ly-lich-tu-phap',
    providerName: 'Trung tâm Lý lịch tư pháp quốc gia',
    errorPrefix: 'LL',
    auth: 'lgsp-access-token',
    fidelity: 'public-artefacts',
    protocol: lltpProtocol,
    operations: [
      restOperation({
        operationId: 'gui-yeu-cau',
        path: '/apiLyLichTuPhap/nhanHoSoDangKy',
        input: submission,
        handle: (input) => {
          if (input.idMinistryJustice !== DEV_ID_MINISTRY_JUSTICE) throw refused(`Mã đơn vị ${input.idMinistryJustice} không chính xác`);
          const d = input.declarationWSForm;
          if (d.idTypeId === 3 && !citizenIdField.safeParse(d.identifyNo).success)
            throw refused('identifyNo: số thẻ căn cước công dân gồm 12 chữ số');
          // The receipt number is unique per dossier: a dossier sent again keeps its declaration and id.
          const known = data.judicialRequests.get(input.idReceivedDec);
          const ID = known?.ID ?? declarationId(input.idReceivedDec, String(data.seed));
          data.judicialRequests.set(input.idReceivedDec, {
            ID,
            idReceivedDec: input.idReceivedDec,
            identifyNo: d.identifyNo,
            fullName: d.fullName,
            formType: d.formType === 2 ? 2 : 1,
            decStatusId: 3,
            approveDate: null,
            issueDate: null,
          });
          return { STATUS: '1', DESCRIPTION: '', ID };
        },
      }),
      restOperation({
        operationId: 'tra-cuu-ket-qua',
        path: '/apiLyLichTuPhap/LLTP-API-traTrangThaiHs',
        input: z.object({ idReceivedDec: z.string().trim().min(1), infoType: z.enum(['1', '2']), identifyNo: z.string().optional() }),
        handle: ({ idReceivedDec, infoType, identifyNo }) => {
          const record = data.judicialRequests.get(idReceivedDec);
          // infoType 1 (not through the one-stop desk) is looked up by appointment number and identity number together.
          if (record === undefined || (infoType === '1' && record.identifyNo !== identifyNo))
            throw refused(`Không tìm thấy hồ sơ có số ${idReceivedDec}`);
          return {
            STATUS: '1',
            DESCRIPTION: '',
            DEC_STATUS_ID: String(record.decStatusId),
            DEC_STATUS_NAME: STATUS_NAMES[record.decStatusId],
            APPROVE_DATE: record.approveDate ?? '',
            ISSUE_DATE: record.issueDate ?? '',
          };
        },
      }),
    ],
  });
}
