import { z } from 'zod';
import { parcelKey } from '../../data/records';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { numericText } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

export function createDatDaiService({ data }: ServiceDeps): MockService {
  return defineRestService({
    id: 'dat-dai',
    providerName: 'Cơ sở dữ liệu quốc gia về đất đai',
    errorPrefix: 'DD',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'tra-cuu-thua-dat',
        path: '/datdai/1.0/traCuuThuaDat',
        input: z.object({ MaXa: z.string().regex(/^\d{5}$/, 'mã xã gồm 5 chữ số'), SoTo: numericText, SoThua: numericText }),
        handle: ({ MaXa, SoTo, SoThua }) => {
          const parcel = data.parcels.get(parcelKey(MaXa, SoTo, SoThua));
          if (parcel === undefined) throw notFound('DD-404', `Không tìm thấy thửa đất ${SoThua}, tờ bản đồ ${SoTo}, xã ${MaXa}`);
          return parcel;
        },
      }),
    ],
  });
}
