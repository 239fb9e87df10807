/** Agency codes (mã định danh cơ quan) used on the document axis. */
export interface Organ {
  readonly OrganId: string;
  readonly OrganName: string;
}

export const PROVINCIAL_ORGANS: readonly Organ[] = [
  { OrganId: '000.00.00.H06', OrganName: 'Ủy ban nhân dân tỉnh Bắc Giang' },
  { OrganId: '000.01.00.H06', OrganName: 'Văn phòng Ủy ban nhân dân tỉnh Bắc Giang' },
  { OrganId: '000.05.00.H06', OrganName: 'Sở Thông tin và Truyền thông tỉnh Bắc Giang' },
  { OrganId: '000.08.00.H06', OrganName: 'Sở Tư pháp tỉnh Bắc Giang' },
  { OrganId: '000.00.19.H06', OrganName: 'Ủy ban nhân dân huyện Lục Ngạn' },
];

export const CENTRAL_ORGANS: readonly Organ[] = [
  { OrganId: '000.00.00.G22', OrganName: 'Văn phòng Chính phủ' },
  { OrganId: '000.00.00.G12', OrganName: 'Bộ Tài chính' },
  { OrganId: '000.00.00.G16', OrganName: 'Bộ Thông tin và Truyền thông' },
  { OrganId: '000.00.00.G09', OrganName: 'Bộ Kế hoạch và Đầu tư' },
];

/** A system connected to the document axis (its `systemid`) and the agencies whose files it sends and receives. */
export interface AxisSystem {
  readonly systemId: string;
  serves(organId: string): boolean;
}

/**
 * The province's LGSP (the gateway's dev `systemid`), which serves every Bắc Giang agency (codes
 * ending in H06), and the Government Office's system, which serves the central agencies (G..).
 */
export const AXIS_SYSTEMS: readonly AxisSystem[] = [
  { systemId: '000.00.00.H06', serves: (organId) => organId.endsWith('.H06') },
  { systemId: 'vxp.vpcp.gov.vn', serves: (organId) => /\.G\d{2}$/.test(organId) },
];

/** The system that receives files for an agency, if any is connected. */
export function axisSystemOf(organId: string): string | undefined {
  return AXIS_SYSTEMS.find((s) => s.serves(organId))?.systemId;
}
