import { json, startHarness, type Harness } from './support/mock-harness';
import { soapBody } from './support/soap-parse';
import { soapRequest } from './support/wire-builders';

const NS = 'http://dancuquocgia.bca';
const PATH = '/dancuquocgia/1.0/DanCuService';
const verify = { MaYeuCau: 'YC-1', SoDinhDanh: '024090001234', HoVaTen: 'Nguyễn Văn An', NgayThangNamSinh: '19900512' };

describe('SOAP envelope handling', () => {
  let h: Harness;
  const post = (xml: string, headers: Record<string, string> = {}) =>
    h.ngsp.post(PATH, xml, { headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers } });
  const expectClientFault = async (xml: string, code: string, headers?: Record<string, string>) => {
    const res = await post(xml, headers);
    expect(res.status).toBe(500);
    expect(await soapBody(res.data)).toMatchObject({ name: 'Fault', value: { faultcode: 'soap:Client', detail: { MaLoi: code } } });
  };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it.each(['dc', 'tns', 'ns1'])('accepts any prefix for the service namespace (%s)', async (prefix) => {
    const res = await post(soapRequest(NS, 'XacThucCongDan', verify, prefix));
    expect(await soapBody(res.data)).toEqual({ name: 'KetQuaXacThucResponse', value: { TonTai: 'true' } });
  });

  it('accepts the service namespace as default namespace', async () => {
    const fields = Object.entries(verify).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
    const xml = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><XacThucCongDan xmlns="${NS}">${fields}</XacThucCongDan></soapenv:Body></soapenv:Envelope>`;
    expect((await soapBody((await post(xml)).data)).value).toEqual({ TonTai: 'true' });
  });

  it('refuses an operation element in another namespace', () =>
    expectClientFault(soapRequest('http://example.org/other', 'XacThucCongDan', verify), 'DC-400'));

  it('refuses an unknown operation', () => expectClientFault(soapRequest(NS, 'XoaCongDan', { SoDinhDanh: '024090001234' }), 'DC-400'));

  it('refuses a SOAPAction that names another operation', () =>
    expectClientFault(soapRequest(NS, 'XacThucCongDan', verify), 'DC-400', { SOAPAction: `"${NS}/TraCuuNhanThan"` }));

  it('refuses a request missing required fields, naming them', async () => {
    const res = await post(soapRequest(NS, 'XacThucCongDan', { MaYeuCau: 'YC-1', SoDinhDanh: '12345' }));
    const body = await soapBody(res.data);
    expect(body.value).toMatchObject({ faultcode: 'soap:Client', detail: { MaLoi: 'DC-400' } });
    expect(String(body.value.faultstring)).toMatch(/SoDinhDanh.*HoVaTen|HoVaTen.*SoDinhDanh/s);
  });

  it('refuses a body that is not a SOAP envelope', () => expectClientFault('<notsoap/>', 'DC-400'));

  it('answers TraCuuNhanThan for an unknown id with soap:Client DC-404', () =>
    expectClientFault(soapRequest(NS, 'TraCuuNhanThan', { MaYeuCau: 'YC-2', SoDinhDanh: '024000000000' }), 'DC-404'));

  it('answers TraCuuQuaTrinhDong for an unknown insurance code with BH-404', async () => {
    const res = await h.ngsp.post('/bhxh/1.0/TraCuuService', soapRequest('http://baohiemxahoi.gov.vn/lgsp', 'TraCuuQuaTrinhDong', { MaSoBHXH: '2499999999', TuThang: '202301', DenThang: '202312' }));
    expect((await soapBody(res.data)).value).toMatchObject({ faultcode: 'soap:Client', detail: { MaLoi: 'BH-404' } });
  });

  it('an unknown NGSP resource gets the WSO2 404 fault', async () => {
    const res = await h.ngsp.post('/khong-co/1.0/gi', {});
    expect(res.status).toBe(404);
    expect(json(res.data)).toMatchObject({ fault: { code: 404 } });
  });
});
