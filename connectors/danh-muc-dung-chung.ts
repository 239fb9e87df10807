import { z } from 'zod';
import { asRecord, badResponse, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';

/** Which property of a catalogue's items is its code, its name and its parent's code. */
interface CatalogueFields {
  readonly name: string;
  readonly ma: string;
  readonly ten: string;
  readonly maCha?: string;
}

/** The catalogues the province reads; names as the guide lists them, property codes as their Metadata gives them. */
const CATALOGUES: Readonly<Record<string, CatalogueFields>> = {
  donvihanhchinhcap1: { name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 1 (Tỉnh)', ma: 'MaTinh', ten: 'TenTinh' },
  donvihanhchinhcap2: {
    name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 2 (Quận, Huyện)',
    ma: 'MaHuyen',
    ten: 'TenHuyen',
    maCha: 'MaTinh',
  },
  donvihanhchinhcap3: {
    name: 'Danh mục và mã số các đơn vị hành chính Việt Nam cấp 3 (Phường, Xã)',
    ma: 'MaXa',
    ten: 'TenXa',
    maCha: 'MaHuyen',
  },
  madantoc: { name: 'Danh mục và mã các dân tộc', ma: 'MaDanToc', ten: 'TenDanToc' },
  magioitinh: { name: 'Danh mục và mã giới tính', ma: 'MaGioiTinh', ten: 'TenGioiTinh' },
  maquocgia: { name: 'Danh mục và mã Quốc gia, quốc tịch', ma: 'MaQuocGia', ten: 'TenQuocGia' },
  qlvanbandieuhanhcap1: { name: 'Danh mục và mã định danh kết nối các hệ thống QLVBĐH cấp 1', ma: 'MaDinhDanhCap1', ten: 'TenDonVi' },
};

/** The gateway's former catalogue names, kept working: each is one national catalogue now. */
const FORMER_CODES: Readonly<Record<string, string>> = {
  DM_DVHC: 'donvihanhchinhcap3',
  DM_DANTOC: 'madantoc',
  DM_GIOITINH: 'magioitinh',
  DM_QUOCTICH: 'maquocgia',
};

const maDanhMuc = z.union([
  z.enum(Object.keys(FORMER_CODES) as [string, ...string[]]),
  z.string().regex(/^[a-z][a-z0-9]{2,59}$/, 'must be a national catalogue code such as donvihanhchinhcap3 or madantoc'),
]);
const input = z.object({ maDanhMuc });
const nationalCode = (code: string): string => FORMER_CODES[code] ?? code;

function list(answer: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(answer)) throw badResponse(`The provider's ${what} is not a JSON array`);
  return answer.map((item) => asRecord(item, `${what} item`));
}

/**
 * The answer is a bare array that does not say which catalogue it is: the catalogue is the one
 * whose code and name properties the items (or the metadata) carry.
 */
function recognise(propertyCodes: readonly string[]): [string, CatalogueFields] | undefined {
  return Object.entries(CATALOGUES).find(([, f]) => propertyCodes.includes(f.ma) && propertyCodes.includes(f.ten));
}

/** A catalogue outside the table: its code and name are the first `Ma…` and `Ten…` properties, the naming every catalogue follows. */
const firstKey = (keys: readonly string[], prefix: string): string | undefined => keys.find((k) => k.startsWith(prefix));

function entry(item: Record<string, unknown>, fields: CatalogueFields | undefined) {
  const keys = Object.keys(item);
  const ma = fields?.ma ?? firstKey(keys, 'Ma');
  const ten = fields?.ten ?? firstKey(keys, 'Ten');
  if (ma === undefined) throw badResponse("The provider's catalogue item has no code property");
  return {
    ma: needString(item, ma),
    ten: ten === undefined ? null : optString(item, ten),
    maCha: fields?.maCha ? optString(item, fields.maCha) : null,
    thuocTinh: item,
  };
}

function catalogue(answer: unknown) {
  const items = list(answer, 'catalogue');
  const known = recognise(Object.keys(items[0] ?? {}));
  const muc = items.map((item) => entry(item, known?.[1]));
  return { maDanhMuc: known?.[0] ?? null, tenDanhMuc: known?.[1].name ?? null, soMuc: muc.length, muc };
}

function metadata(answer: unknown) {
  const truong = list(answer, 'catalogue metadata').map((p) => ({
    ma: needString(p, 'PropertyCode'),
    ten: optString(p, 'PropertyName'),
    kieu: optString(p, 'PropertyType'),
  }));
  const known = recognise(truong.map((t) => t.ma));
  return { maDanhMuc: known?.[0] ?? null, tenDanhMuc: known?.[1].name ?? null, truong };
}

/** National shared catalogues, as a VNPT-built provincial LGSP publishes them (`/dmdc/Category`, `/dmdc/Metadata`). */
export const danhMucDungChung = defineConnector({
  id: 'danh-muc-dung-chung',
  fidelity: 'public-artefacts',
  sources: [
    'Provincial LGSP API guide "Tài liệu hướng dẫn kết nối API thông qua NGSP" (api.quangbinh.gov.vn): GET /dmdc/Category/{code} (bare JSON array), GET /dmdc/Metadata/{code} ([{PropertyCode, PropertyName, PropertyType}]), the catalogue codes, the qlvanbandieuhanhcap1 properties',
    'Property codes of the administrative-unit, ethnic-group, gender and nationality catalogues are modelled (the guide documents only qlvanbandieuhanhcap1)',
  ],
  protocol: 'rest',
  operations: {
    'lay-danh-muc': defineOperation({
      wire: { protocol: 'rest', method: 'GET', path: '/Category/{code}' },
      input,
      toProvider: (i) => ({ kind: 'query', query: {}, pathParams: { code: nationalCode(i.maDanhMuc) } }),
      fromProvider: catalogue,
    }),
    'lay-thong-tin-danh-muc': defineOperation({
      wire: { protocol: 'rest', method: 'GET', path: '/Metadata/{code}' },
      input,
      toProvider: (i) => ({ kind: 'query', query: {}, pathParams: { code: nationalCode(i.maDanhMuc) } }),
      fromProvider: metadata,
    }),
  },
});
