import type { MockService } from '../protocols/mock-service';
import { createMotCuaSangBaoCaoService } from './province/mot-cua-sang-bao-cao';
import { createMotCuaSangQlvbService } from './province/mot-cua-sang-qlvb';
import type { ServiceDeps } from './service-deps';

/** The internal providers inside the province: a new one is registered here. */
export function provinceServices(deps: ServiceDeps): MockService[] {
  return [createMotCuaSangQlvbService(deps), createMotCuaSangBaoCaoService(deps)];
}
