import { DEV_DVCQG_CREDENTIALS, DVCQG_LOGIN_PATH } from '../../mocks/auth/dvcqg-session';
import { c06Headers, danCuRequest } from './support/c06-headers';
import { json, startHarness, type Harness } from './support/mock-harness';
import { soapBody } from './support/soap-parse';
import { sendEdocRequest } from './support/vxp-client';
import { edocXml, soapRequest } from './support/wire-builders';

const DN = { path: '/apiCSDLDKDN/1.0/chiTietDoanhNghiep', query: { msdn: '2400123456' } };
const DC_NS = 'http://dancuquocgia.bca';
const lookupCitizen = soapRequest(DC_NS, 'TraCuuThongTinCongDan', danCuRequest('q', { MaYeuCau: 'YC-9', MaTichHop: '037' }));

describe('fault modes of the control API', () => {
  let h: Harness;
  const setFault = (serviceId: string, fault: Record<string, unknown>) => h.ngspRaw.put(`/__mock/faults/${serviceId}`, fault);
  const callDn = () => h.ngsp.get(DN.path, { params: DN.query });
  const journalTotal = async (serviceId: string): Promise<number> =>
    json<{ total: number }>((await h.ngspRaw.get('/__mock/journal', { params: { serviceId } })).data).total;

  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  it('down: the connection is dropped without an answer, and nothing is journaled', async () => {
    await setFault('csdl-dang-ky-doanh-nghiep', { mode: 'down' });
    await expect(callDn()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/) });
    expect(await journalTotal('csdl-dang-ky-doanh-nghiep')).toBe(0);
  });

  it("error on REST JSON: the provider's own failure body (the registry's Status \"0\") with the fault's status", async () => {
    await setFault('csdl-dang-ky-doanh-nghiep', { mode: 'error', status: 503 });
    const res = await callDn();
    expect(res.status).toBe(503);
    expect(json(res.data)).toEqual({ DataCount: 0, Status: '0', Message: expect.stringContaining('lỗi hệ thống') });
    expect(await journalTotal('csdl-dang-ky-doanh-nghiep')).toBe(0);
  });

  it('error on SOAP: HTTP 500 soap:Server fault with MaLoi in the service namespace', async () => {
    await setFault('csdl-dan-cu', { mode: 'error' });
    const res = await h.ngspRaw.post('/dancuquocgia/1.0/DanCuService', lookupCitizen, {
      headers: { 'Content-Type': 'text/xml', ...c06Headers() },
    });
    expect(res.status).toBe(500);
    const body = await soapBody(res.data);
    expect(body).toEqual({
      name: 'Fault',
      value: { faultcode: 'soap:Server', faultstring: expect.any(String), detail: { MaLoi: 'DC-500' } },
    });
    expect(String(res.data)).toContain(`xmlns:ns="${DC_NS}">DC-500</ns:MaLoi>`);
  });

  it('error on the DVCQG envelope: HTTP 200 with an error_code other than 00', async () => {
    await setFault('dvcqg-ho-so', { mode: 'error' });
    const { session } = json<{ session: string }>((await h.ngsp.post(DVCQG_LOGIN_PATH, DEV_DVCQG_CREDENTIALS)).data);
    const res = await h.ngsp.post('/dvcqg/1.0/dongBoHoSo', {
      session,
      madonvi: '000.00.00.H06',
      service: 'TraCuuHoSo',
      mahoso: 'H06.22-240315-0001',
    });
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ error_code: 'DVC-500', message: expect.any(String), result: null });
  });

  it('error on the edXML axis: FAIL with the axis code', async () => {
    await setFault('truc-lien-thong-van-ban', { mode: 'error' });
    const req = sendEdocRequest(edocXml(), { from: '000.00.00.H06', messagetype: 'edoc' });
    const res = await h.ngsp.post('/edxml/1.0/sendEdoc', req.body, { headers: req.headers });
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({ status: 'FAIL', ErrorCode: 'ED-500', ErrorDesc: expect.any(String) });
  });

  it('slow: waits latencyMs, then answers normally', async () => {
    await setFault('csdl-dang-ky-doanh-nghiep', { mode: 'slow', latencyMs: 300 });
    const started = Date.now();
    const res = await callDn();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    expect(json(res.data)).toMatchObject({ MainInformation: { ENTERPRISE_GDT_CODE: '2400123456' }, Status: '1' });
  });

  it('malformed on REST JSON: 200, JSON content type, body that does not parse; journaled', async () => {
    await setFault('csdl-dang-ky-doanh-nghiep', { mode: 'malformed' });
    const res = await callDn();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(() => JSON.parse(String(res.data))).toThrow();
    expect(await journalTotal('csdl-dang-ky-doanh-nghiep')).toBe(1);
  });

  it('malformed on SOAP: 200, text/xml, truncated envelope that does not parse', async () => {
    await setFault('csdl-dan-cu', { mode: 'malformed' });
    const res = await h.ngspRaw.post('/dancuquocgia/1.0/DanCuService', lookupCitizen, {
      headers: { 'Content-Type': 'text/xml', ...c06Headers() },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    await expect(soapBody(res.data)).rejects.toThrow();
  });

  it('rate 0.5: exactly half of 10 calls are faulted, the same ones every run', async () => {
    await setFault('csdl-dang-ky-doanh-nghiep', { mode: 'error', rate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await callDn()).status);
    expect(statuses).toEqual([200, 500, 200, 500, 200, 500, 200, 500, 200, 500]);
  });

  it('mode ok and DELETE /__mock/faults restore normal answers', async () => {
    await setFault('csdl-dang-ky-doanh-nghiep', { mode: 'error' });
    await setFault('csdl-dan-cu', { mode: 'error' });
    expect(json<{ items: unknown[] }>((await h.ngspRaw.get('/__mock/faults')).data).items).toHaveLength(2);
    await setFault('csdl-dang-ky-doanh-nghiep', { mode: 'ok' });
    expect((await callDn()).status).toBe(200);
    expect((await h.ngspRaw.delete('/__mock/faults')).status).toBe(204);
    expect(json<{ items: unknown[] }>((await h.ngspRaw.get('/__mock/faults')).data).items).toEqual([]);
  });

  it('a service not on this server is 404; a bad fault body is 400 listing the problems', async () => {
    const unknown = await setFault('mot-cua-sang-qlvb', { mode: 'down' });
    expect(unknown.status).toBe(404);
    expect(json(unknown.data)).toMatchObject({ error: 'unknown_service' });
    const bad = await setFault('bhxh', { mode: 'sometimes', rate: 2, extra: true });
    expect(bad.status).toBe(400);
    const paths = json<{ problems: Array<{ path: string }> }>(bad.data).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['mode', 'rate']));
  });

  it('the province mock has the same control API for its own services', async () => {
    await h.province.put('/__mock/faults/mot-cua-sang-qlvb', { mode: 'error', status: 502 });
    const res = await h.province.post('/qlvb/1.0/tiepNhanHoSo', {});
    expect(res.status).toBe(502);
    expect(json(res.data)).toMatchObject({ errorCode: 'QLVB-500' });
    expect((await h.province.put('/__mock/faults/bhxh', { mode: 'down' })).status).toBe(404);
  });
});

describe('closing the mocks while a slow call waits', () => {
  it('clears the pending timer so nothing keeps the process alive', async () => {
    const h = await startHarness();
    await h.ngspRaw.put('/__mock/faults/vneid', { mode: 'slow', latencyMs: 60_000 });
    const pending = h.ngsp
      .post('/vneid/1.0/xacThucTaiKhoan', { SoDinhDanh: '024090001234', SoDienThoai: '0912345678' })
      .catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await h.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
