import { c06Headers, DAN_CU_NS as NS, DAN_CU_PATH as PATH, danCuRequest } from './support/c06-headers';
import { json, startHarness, type Harness } from './support/mock-harness';
import { soapBody } from './support/soap-parse';
import { soapRequest } from './support/wire-builders';

const VERIFY = 'XacThucThongTinCongDanRequest';
const verify = danCuRequest();

describe('SOAP envelope handling', () => {
  let h: Harness;
  const post = (xml: string, headers: Record<string, string> = {}) =>
    h.ngspRaw.post(PATH, xml, { headers: { 'Content-Type': 'text/xml; charset=utf-8', ...c06Headers(), ...headers } });
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
    const res = await post(soapRequest(NS, VERIFY, danCuRequest(prefix), prefix));
    expect(await soapBody(res.data)).toEqual({ name: 'KetQuaXacThucResponse', value: { TonTai: 'true' } });
  });

  it('accepts the service namespace as default namespace', async () => {
    const fields = Object.entries(verify)
      .map(([k, v]) => `<${k}>${v.replace(/q:/g, '')}</${k}>`)
      .join('');
    const xml = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><${VERIFY} xmlns="${NS}">${fields}</${VERIFY}></soapenv:Body></soapenv:Envelope>`;
    expect((await soapBody((await post(xml)).data)).value).toEqual({ TonTai: 'true' });
  });

  it('refuses an operation element in another namespace', () =>
    expectClientFault(soapRequest('http://example.org/other', VERIFY, verify), 'DC-400'));

  it('refuses an unknown operation', () => expectClientFault(soapRequest(NS, 'XoaCongDan', { SoDinhDanh: '024090001234' }), 'DC-400'));

  it('refuses a non-empty SOAPAction: the population database declares SOAPAction ""', () =>
    expectClientFault(soapRequest(NS, VERIFY, verify), 'DC-400', { SOAPAction: `"${NS}/TraCuuThongTinCongDan"` }));

  it('refuses a request missing required fields, naming them', async () => {
    const res = await post(soapRequest(NS, VERIFY, { MaYeuCau: 'YC-1', SoDinhDanh: '12345' }));
    const body = await soapBody(res.data);
    expect(body.value).toMatchObject({ faultcode: 'soap:Client', detail: { MaLoi: 'DC-400' } });
    expect(String(body.value.faultstring)).toMatch(/SoDinhDanh.*HoVaTen|HoVaTen.*SoDinhDanh/s);
  });

  it('refuses a body that is not a SOAP envelope', () => expectClientFault('<notsoap/>', 'DC-400'));

  it('answers TraCuuThongTinCongDan for an unknown id with soap:Client DC-404', () =>
    expectClientFault(
      soapRequest(NS, 'TraCuuThongTinCongDan', danCuRequest('q', { MaTichHop: '037', SoDinhDanh: '024000000000' })),
      'DC-404',
    ));

  it('a SOAP call to the retired BHXH service (now REST JSON) gets the WSO2 404 fault', async () => {
    const res = await h.ngsp.post(
      '/bhxh/1.0/TraCuuService',
      soapRequest('http://baohiemxahoi.gov.vn/lgsp', 'TraCuuQuaTrinhDong', {
        MaSoBHXH: '2420123456',
        TuThang: '202301',
        DenThang: '202312',
      }),
    );
    expect(res.status).toBe(404);
    expect(json(res.data)).toMatchObject({ fault: { code: 404, description: 'No matching resource found for given API Request' } });
  });

  it('an unknown NGSP resource gets the WSO2 404 fault', async () => {
    const res = await h.ngsp.post('/khong-co/1.0/gi', {});
    expect(res.status).toBe(404);
    expect(json(res.data)).toMatchObject({ fault: { code: 404 } });
  });
});
