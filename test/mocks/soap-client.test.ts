import { createClientAsync, type Client } from 'soap';
import { fetchToken, startHarness, type Harness } from './support/mock-harness';

/** The SOAP mocks are checked with a real, independent SOAP stack: the npm `soap` client reading our WSDLs. */
describe('SOAP services with the npm soap client', () => {
  let h: Harness;
  let token: string;
  const client = async (path: string): Promise<Client> => {
    const c = await createClientAsync(`${h.mocks.ngspUrl}${path}?wsdl`);
    c.addHttpHeader('Authorization', `Bearer ${token}`);
    return c;
  };

  beforeAll(async () => {
    h = await startHarness();
    token = await fetchToken(h.mocks.ngspUrl);
  });
  afterAll(() => h.close());

  it('serves a WSDL whose soap:address is the server the request reached, without a token', async () => {
    const res = await h.ngspRaw.get('/dancuquocgia/1.0/DanCuService?wsdl');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(String(res.data)).toContain(`<soap:address location="${h.mocks.ngspUrl}/dancuquocgia/1.0/DanCuService"/>`);
    expect(String(res.data)).toContain('elementFormDefault="qualified"');
  });

  it('when XacThucCongDan is called for the anchor citizen, then TonTai is true', async () => {
    const c = await client('/dancuquocgia/1.0/DanCuService');
    const [result] = await c.XacThucCongDanAsync({
      MaYeuCau: 'YC-0001', MaDichVu: 'XAC_THUC', MaCanBo: 'canbo01', SoDinhDanh: '024090001234', HoVaTen: 'Nguyễn Văn An', NgayThangNamSinh: '19900512',
    });
    expect(result).toEqual({ TonTai: true });
  });

  it('when the date of birth does not match, then TonTai is false', async () => {
    const c = await client('/dancuquocgia/1.0/DanCuService');
    const [result] = await c.XacThucCongDanAsync({ MaYeuCau: 'YC-0002', SoDinhDanh: '024090001234', HoVaTen: 'Nguyễn Văn An', NgayThangNamSinh: '19900513' });
    expect(result).toEqual({ TonTai: false });
  });

  it('when TraCuuNhanThan gets an unknown id, then the client sees a soap:Client fault with MaLoi DC-404', async () => {
    const c = await client('/dancuquocgia/1.0/DanCuService');
    await expect(c.TraCuuNhanThanAsync({ MaYeuCau: 'YC-0003', SoDinhDanh: '024099999999' })).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client', detail: { MaLoi: 'DC-404' } } } } },
    });
  });

  it('when TraCuuQuaTrinhDong is called for the anchor insurance code, then 12 monthly rows of 2023 come back', async () => {
    const c = await client('/bhxh/1.0/TraCuuService');
    const [result] = await c.TraCuuQuaTrinhDongAsync({ MaSoBHXH: '2420123456', TuThang: '202301', DenThang: '202312' });
    expect(result.KetQua.MaSoBHXH).toBe('2420123456');
    expect(result.KetQua.QuaTrinh.Dong).toHaveLength(12);
    expect(result.KetQua.QuaTrinh.Dong[0]).toMatchObject({ TuThang: '202301', DenThang: '202301', DonVi: 'Công ty TNHH Nông sản Lục Ngạn' });
  });

  it('when TraCuuThongBaoThue is called for the anchor tax code, then both notices come back', async () => {
    const c = await client('/thue/1.0/ThueService');
    const [result] = await c.TraCuuThongBaoThueAsync({ MaSoThue: '2400123456' });
    expect(result.ThongBao).toHaveLength(2);
    expect(result.ThongBao).toContainEqual(expect.objectContaining({ MaHoSo: 'H06.22-240315-0001' }));
  });

  it('without a bearer token the call is refused with 401', async () => {
    const c = await createClientAsync(`${h.mocks.ngspUrl}/thue/1.0/ThueService?wsdl`);
    await expect(c.TraCuuThongBaoThueAsync({ MaSoThue: '2400123456' })).rejects.toMatchObject({ response: { status: 401 } });
  });
});
