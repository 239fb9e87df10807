import { createClientAsync, type Client } from 'soap';
import { c06Headers, DAN_CU_PATH } from './support/c06-headers';
import { DEV_LGSP_ACCESS_TOKEN, fetchToken, startHarness, type Harness } from './support/mock-harness';

/** The SOAP mocks are checked with a real, independent SOAP stack: the npm `soap` client reading our WSDLs. */
describe('SOAP services with the npm soap client', () => {
  let h: Harness;
  let token: string;
  const client = async (path: string): Promise<Client> => {
    const c = await createClientAsync(`${h.mocks.ngspUrl}${path}?wsdl`);
    c.addHttpHeader('Authorization', `Bearer ${token}`);
    c.addHttpHeader('lgspaccesstoken', DEV_LGSP_ACCESS_TOKEN);
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

  /** The population database wants c06-basic headers signed per call (Timestamp), not a bearer token. */
  const danCuClient = async (): Promise<Client> => {
    const c = await createClientAsync(`${h.mocks.ngspUrl}${DAN_CU_PATH}?wsdl`);
    for (const [name, value] of Object.entries(c06Headers())) c.addHttpHeader(name, value);
    return c;
  };
  const anchor = {
    MaYeuCau: 'YC-0001',
    MaDVC: 'VPCP',
    MaTichHop: '033',
    MaDonVi: '000.00.00.H06',
    MaCanBo: 'canbo01',
    SoDinhDanh: '024090001234',
    HoVaTen: 'Nguyễn Văn An',
  };

  it('when XacThucThongTinCongDanRequest is called for the anchor citizen, then TonTai is true', async () => {
    const c = await danCuClient();
    const [result] = await c.XacThucThongTinCongDanRequestAsync({ ...anchor, NgayThangNamSinh: { NgayThangNam: '19900512' } });
    expect(result).toEqual({ TonTai: true });
    expect(c.lastRequest).toMatch(/<(\w+:)?NgayThangNamSinh><(\w+:)?NgayThangNam>19900512</);
  });

  it('when the date of birth does not match, then TonTai is false; a birth year alone matches', async () => {
    const c = await danCuClient();
    const [wrong] = await c.XacThucThongTinCongDanRequestAsync({ ...anchor, NgayThangNamSinh: { NgayThangNam: '19900513' } });
    expect(wrong).toEqual({ TonTai: false });
    const [year] = await c.XacThucThongTinCongDanRequestAsync({ ...anchor, NgayThangNamSinh: { Nam: '1990' } });
    expect(year).toEqual({ TonTai: true });
  });

  it('when TraCuuThongTinCongDan is called, then the client reads CongdanCollection from the mic.gov.vn namespace', async () => {
    const c = await danCuClient();
    const [result] = await c.TraCuuThongTinCongDanAsync({ ...anchor, MaTichHop: '037', NgayThangNamSinh: { NgayThangNam: '19900512' } });
    expect(result.CongDan).toHaveLength(1);
    expect(result.CongDan[0]).toMatchObject({
      SoDinhDanh: '024090001234',
      HoVaTen: { Ho: 'Nguyễn', ChuDem: 'Văn', Ten: 'An' },
      NgayThangNamSinh: { Nam: '1990', NgayThangNam: '19900512' },
      QueQuan: { MaTinhThanh: '24', MaPhuongXa: '07210' },
      Cha: { SoDinhDanh: '024060000111', HoVaTen: 'Nguyễn Văn Bình' },
    });
    expect(result.attributes).toMatchObject({ SoCongDan: '1' });
  });

  it('when TraCuuThongTinCongDan gets an unknown id, then the client sees a soap:Client fault with MaLoi DC-404', async () => {
    const c = await danCuClient();
    await expect(
      c.TraCuuThongTinCongDanAsync({ ...anchor, SoDinhDanh: '024099999999', NgayThangNamSinh: { NgayThangNam: '19900512' } }),
    ).rejects.toMatchObject({
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client', detail: { MaLoi: 'DC-404' } } } } },
    });
  });

  it('when the client sends a bearer token instead of the c06 headers, then 401 with a DC-401 fault', async () => {
    const c = await client(DAN_CU_PATH);
    await expect(c.XacThucThongTinCongDanRequestAsync({ ...anchor, NgayThangNamSinh: { NgayThangNam: '19900512' } })).rejects.toMatchObject(
      {
        response: { status: 401 },
        root: { Envelope: { Body: { Fault: { detail: { MaLoi: 'DC-401' } } } } },
      },
    );
  });

  it('BHXH is REST JSON now: its old SOAP service serves no WSDL', async () => {
    const res = await h.ngspRaw.get('/bhxh/1.0/TraCuuService?wsdl');
    expect(res.status).toBe(404);
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
