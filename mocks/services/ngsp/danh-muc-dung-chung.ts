import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { text } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

export function createDanhMucDungChungService({ data }: ServiceDeps): MockService {
  return defineRestService({
    id: 'danh-muc-dung-chung',
    providerName: 'Hệ thống danh mục dùng chung quốc gia',
    errorPrefix: 'DM',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'lay-danh-muc',
        method: 'get',
        path: '/dmdc/1.0/AllCategory',
        input: z.object({ maDanhMuc: text }),
        handle: ({ maDanhMuc }) => {
          const catalogue = data.catalogues.get(maDanhMuc);
          if (catalogue === undefined) throw notFound('DM-404', `Không có danh mục ${maDanhMuc}`);
          return catalogue;
        },
      }),
    ],
  });
}
