import { ANCHORS } from '../../mocks/data/anchors';
import { COMMUNES, DISTRICTS } from '../../mocks/data/administrative-units';
import { generateMockData } from '../../mocks/data/mock-data';
import { civilDossierKey, parcelKey } from '../../mocks/data/records';

describe('generated data', () => {
  it('is identical for the same seed and differs for another seed', () => {
    const a = generateMockData(2024);
    expect(generateMockData(2024)).toEqual(a);
    const b = generateMockData(7);
    expect([...b.citizens.keys()]).not.toEqual([...a.citizens.keys()]);
  });

  it('has Bắc Giang’s 10 district-level units and 209 communes with 5-digit codes', () => {
    expect(DISTRICTS.map((d) => d.code)).toEqual(['213', '215', '216', '217', '218', '219', '220', '221', '222', '223']);
    expect(COMMUNES).toHaveLength(209);
    expect(new Set(COMMUNES.map((c) => c.code)).size).toBe(209);
    expect(COMMUNES.every((c) => /^\d{5}$/.test(c.code))).toBe(true);
    expect(COMMUNES.find((c) => c.code === '07210')).toMatchObject({ districtCode: '213' });
  });

  it('has about 500 citizens with 12-digit string ids starting 024 and Vietnamese names', () => {
    const data = generateMockData(99);
    expect(data.citizens.size).toBeGreaterThanOrEqual(500);
    for (const c of data.citizens.values()) {
      expect(c.SoDinhDanh).toMatch(/^024\d{9}$/);
      expect(c.NgayThangNamSinh).toMatch(/^\d{8}$/);
    }
    expect([...data.citizens.values()].some((c) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(c.Ten))).toBe(true);
  });

  it.each([1, 2024, 123456])('keeps every anchor record whatever the seed (%i)', (seed) => {
    const d = generateMockData(seed);
    expect(d.citizens.get(ANCHORS.citizenId)).toMatchObject({
      Ho: 'Nguyễn',
      ChuDem: 'Văn',
      Ten: 'An',
      NgayThangNamSinh: '19900512',
      GioiTinh: 'Nam',
      QueQuan: 'Xã Tân Mỹ, Thành phố Bắc Giang, Bắc Giang',
      SoDienThoai: '0912345678',
      MucDoDinhDanh: 2,
      Cha: { SoDinhDanh: '024060000111', HoVaTen: 'Nguyễn Văn Bình' },
      Me: { SoDinhDanh: '024065000222', HoVaTen: 'Trần Thị Cúc' },
    });
    const insurance = d.insurance.get('2420123456');
    expect(insurance?.QuaTrinh).toHaveLength(12);
    expect(
      insurance?.QuaTrinh.every(
        (p) => p.TuThang.startsWith('2023') && p.DonVi === 'Công ty TNHH Nông sản Lục Ngạn' && typeof p.MucLuong === 'number',
      ),
    ).toBe(true);
    expect(d.businesses.get('2400123456')).toMatchObject({
      TenDoanhNghiep: 'Công ty TNHH Nông sản Lục Ngạn',
      NgayThanhLap: '20150310',
      TinhTrang: 'Đang hoạt động',
    });
    expect(d.taxNotices.get('2400123456')).toHaveLength(2);
    expect(d.taxNotices.get('2400123456')?.map((n) => n.MaHoSo)).toContain('H06.22-240315-0001');
    expect(d.dossiers.get('H06.22-240315-0001')).toMatchObject({ TrangThaiHoSo: '4' });
    expect(d.payments.get('H0622240315000120240315090000')).toMatchObject({
      MaGiaoDich: 'GD240315000001',
      TrangThaiGD: '1',
      ThoiGianGD: '20240315090000',
      ThoiGianThanhToan: '20240315091500',
      SoTien: 50000,
    });
    expect(d.birthRegistrations.get(civilDossierKey(7210, 'H06.22-240301-0012'))).toMatchObject({
      module: 'KS',
      trangThai: 4,
      nksHoTen: 'Nguyễn Minh Khang',
    });
    expect(d.judicialRequests.get('H06.22-240305-0003')).toMatchObject({
      identifyNo: '024090001234',
      decStatusId: 5,
      issueDate: '14/03/2024',
    });
    expect(d.waybills.has('EB240315001VN')).toBe(true);
    expect(d.parcels.has(parcelKey('07210', '12', '345'))).toBe(true);
    expect(d.receivedDocuments.filter((doc) => doc.ToOrganId === '000.00.00.H06').length).toBeGreaterThanOrEqual(3);
  });
});
