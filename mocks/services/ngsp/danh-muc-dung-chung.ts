import { z } from 'zod';
import type { Catalogue } from '../../data/catalogues';
import type { MockService, ProtocolAdapter } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { jsonReply } from '../../protocols/replies';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import type { ServiceDeps } from '../service-deps';

/** The catalogue service's own message body, `{"MSG","Count"}` (the guide shows it on writes; failures reuse it). */
const catalogueProtocol: ProtocolAdapter = {
  name: 'rest-json',
  errorReply: (error, status) => jsonReply({ MSG: error.message, Count: 0 }, status ?? error.status),
};

const catalogueCode = z.object({ code: z.string().regex(/^[a-z0-9]{2,60}$/, 'mã danh mục viết thường, không dấu') });

/** National shared catalogues as a provincial LGSP publishes them: `GET /dmdc/Category/{code}`, `GET /dmdc/Metadata/{code}`. */
export function createDanhMucDungChungService({ data }: ServiceDeps): MockService {
  const find = (code: string): Catalogue => {
    const catalogue = data.catalogues.get(code);
    if (catalogue === undefined) throw notFound('DM-404', `Category ${code} not found`);
    return catalogue;
  };
  return defineRestService({
    id: 'danh-muc-dung-chung',
    providerName: 'Hệ thống danh mục dùng chung quốc gia',
    errorPrefix: 'DM',
    auth: 'lgsp-access-token',
    fidelity: 'public-artefacts',
    protocol: catalogueProtocol,
    operations: [
      restOperation({
        operationId: 'lay-danh-muc',
        method: 'get',
        path: '/dmdc/Category/:code',
        wireOperation: 'Category',
        input: catalogueCode,
        // A bare JSON array of the catalogue's items, keyed by its own property codes.
        handle: ({ code }) => find(code).items,
      }),
      restOperation({
        operationId: 'lay-thong-tin-danh-muc',
        method: 'get',
        path: '/dmdc/Metadata/:code',
        wireOperation: 'Metadata',
        input: catalogueCode,
        handle: ({ code }) => find(code).properties,
      }),
    ],
  });
}
