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
