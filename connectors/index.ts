import type { ConnectorDefinition } from '../src/connector-kit/connector-definition';
import { baoCaoChinhPhu } from './bao-cao-chinh-phu';
import { bhxh } from './bhxh';
import { buuChinhCongIch } from './buu-chinh-cong-ich';
import { csdlDanCu } from './csdl-dan-cu';
import { csdlDangKyDoanhNghiep } from './csdl-dang-ky-doanh-nghiep';
import { csdlGia } from './csdl-gia';
import { danhMucDungChung } from './danh-muc-dung-chung';
import { datDai } from './dat-dai';
import { dvcqgHoSo } from './dvcqg-ho-so';
import { dvcqgThanhToan } from './dvcqg-thanh-toan';
import { emcGiamSat } from './emc-giam-sat';
import { hoTich } from './ho-tich';
import { khoBac } from './kho-bac';
import { lyLichTuPhap } from './ly-lich-tu-phap';
import { motCuaSangBaoCao } from './mot-cua-sang-bao-cao';
import { motCuaSangQlvb } from './mot-cua-sang-qlvb';
import { thue } from './thue';
import { trucLienThongVanBan } from './truc-lien-thong-van-ban';
import { vneid } from './vneid';

/** Every connector, registered explicitly: the catalog in config/ must match this list. */
export const CONNECTORS: readonly ConnectorDefinition[] = [
  csdlDanCu,
  csdlDangKyDoanhNghiep,
  danhMucDungChung,
  dvcqgHoSo,
  dvcqgThanhToan,
  trucLienThongVanBan,
  emcGiamSat,
  bhxh,
  hoTich,
  lyLichTuPhap,
  thue,
  khoBac,
  datDai,
  csdlGia,
  buuChinhCongIch,
  baoCaoChinhPhu,
  vneid,
  motCuaSangQlvb,
  motCuaSangBaoCao,
];

/**
 * Connectors by id; refuses a duplicate id, which would otherwise silently replace a connection.
 * Tests register an extra connection with `connectorMap([...CONNECTORS, extra])`.
 */
export function connectorMap(connectors: readonly ConnectorDefinition[]): ReadonlyMap<string, ConnectorDefinition> {
  const map = new Map<string, ConnectorDefinition>();
  for (const c of connectors) {
    if (map.has(c.id)) throw new Error(`connector ${c.id} is registered twice`);
    map.set(c.id, c);
  }
  return map;
}

export const CONNECTOR_MAP: ReadonlyMap<string, ConnectorDefinition> = connectorMap(CONNECTORS);
