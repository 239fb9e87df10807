import type { Fidelity } from '../connector-kit/connector-definition';
import type { ConnectionConfig, OperationConfig } from '../config/schema';
import type { Catalog } from './catalog';

/** One operation as the directory lists it; `example` is a valid request body. */
export interface DirectoryOperation {
  id: string;
  mode: OperationConfig['mode'];
  fidelity: Fidelity;
  example: OperationConfig['example'];
}

/** One connection as the directory lists it (`GET /api/v1/services`, the OpenAPI document). */
export interface DirectoryService {
  id: string;
  name: string;
  provider: string;
  direction: ConnectionConfig['direction'];
  protocol: ConnectionConfig['protocol'];
  auth: ConnectionConfig['auth'];
  fidelity: Fidelity;
  sources: readonly string[];
  operations: DirectoryOperation[];
}

/**
 * The directory as one caller sees it: `visible` says which connections it may see (a
 * consumer its grants, an operator all). The directory route and the OpenAPI document both
 * read this, so the two never disagree on what a caller may use.
 */
export function serviceDirectory(catalog: Catalog, visible: (serviceId: string) => boolean): DirectoryService[] {
  return catalog
    .listConnections()
    .filter((c) => visible(c.id))
    .map((c) => {
      const connector = catalog.getConnector(c.id);
      return {
        id: c.id,
        name: c.name,
        provider: c.provider,
        direction: c.direction,
        protocol: c.protocol,
        auth: c.auth,
        fidelity: connector.fidelity,
        sources: connector.sources,
        operations: c.operations.map((o) => ({
          id: o.id,
          mode: o.mode,
          fidelity: catalog.getOperation(c.id, o.id).definition.fidelity ?? connector.fidelity,
          example: o.example,
        })),
      };
    });
}
