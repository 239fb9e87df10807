import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { text } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

/** `User` is a JSON string: who the dossier belongs to and where. */
const emcUser = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'User phải là chuỗi JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.object({ ID_local: z.string(), ID_QG: z.string(), TYPE: z.enum(['1', '2']), LOCATION: text }));

/**
 * A `TrackingMCDT` event as public clients send it: codes as strings, SiteId a number. The
 * answer is this mock's model: public clients read only the HTTP status.
 */
const trackingEvent = z.object({
  CodeProfile: text,
  SiteId: z.number().int().positive(),
  CodeTTHC: text,
  NameTTHC: z.string(),
  MaHoSo: text,
  Status: z.enum(['0', '1', '2', '3', '4']),
  FormsReception: z.enum(['1', '2']),
  FormsPayments: z.enum(['0', '1', '2']),
  Level: z.enum(['0', '1', '3', '4']),
  IsFromDVCQG: z.enum(['0', '1']),
  IsDVCBC: z.enum(['0', '1', '2']),
  Data: z.string().nullable().optional(),
  User: emcUser,
});

export function createEmcGiamSatService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'emc-giam-sat',
    providerName: 'Hệ thống giám sát, đo lường dịch vụ công trực tuyến (EMC)',
    errorPrefix: 'EMC',
    auth: 'none',
    fidelity: 'public-artefacts',
    operations: [
      restOperation({
        operationId: 'ghi-nhan-su-kien',
        path: '/TrackingMCDT',
        input: trackingEvent,
        handle: (input) => {
          const MaSuKien = datedId(deps, 'EMC');
          recordSubmission(deps, 'emc-giam-sat', MaSuKien, input);
          return { KetQua: 'OK', MaSuKien };
        },
      }),
    ],
  });
}
