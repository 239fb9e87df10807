import axios, { type AxiosResponse } from 'axios';
import { Redis } from 'ioredis';
import { startMocks, type RunningMocks } from '../../mocks/main';
import { sdkHeaders, sendEdocRequest, VXP_VPCP } from '../mocks/support/vxp-client';
import { edocXml } from '../mocks/support/wire-builders';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { deleteKeys, testPrefix } from '../support/redis-prefix';
import { DEV_SECRET } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';

/**
 * Receiving is at least once: the gateway fetches documents from the axis without acknowledging
 * them, and acknowledges (`updateStatus` done) only when the province's system confirms with
 * `xac-nhan-van-ban`. A gateway killed between fetch and acknowledgement leaves the document
 * waiting at the axis: the next `nhan-van-ban` delivers it again.
 */
const SERVICE = 'truc-lien-thong-van-ban';
const AGENCY = '000.08.00.H06';

let mocks: RunningMocks;
let prefix: string;
let gateway: GatewayProcess | undefined;
let docId: string;

const env = (): NodeJS.ProcessEnv => ({ NGSP_URL: mocks.ngspUrl, PROVINCE_URL: mocks.provinceUrl, LGSP_KEY_PREFIX: prefix });

async function call(operation: string, body: unknown): Promise<AxiosResponse> {
  const url = gateway?.url ?? '';
  const token = await axios.post(`${url}/token`, 'grant_type=client_credentials', {
    auth: { username: 'qlvb', password: DEV_SECRET('qlvb') },
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  return axios.post(`${url}/api/v1/services/${SERVICE}/${operation}`, body, {
    headers: { Authorization: `Bearer ${token.data.access_token as string}` },
    validateStatus: () => true,
    timeout: 30_000,
  });
}

const received = async (): Promise<string[]> => {
  const res = await call('nhan-van-ban', { maDinhDanh: AGENCY, toiDa: 50 });
  expect(res.status).toBe(200);
  return (res.data.data.vanBan as Array<{ maVanBanTruc: string }>).map((v) => v.maVanBanTruc);
};

/** What the axis itself says of the document: still waiting for the province's system, or not. */
const waitingAtAxis = async (): Promise<boolean> => {
  const res = await axios.post(`${mocks.ngspUrl}/edxml/1.0/getReceivedEdocList`, undefined, {
    headers: sdkHeaders({ 'Content-Type': 'application/json', servicetype: 'eDoc', messagetype: 'edoc' }),
  });
  return (res.data.data as Array<{ docId: string }>).some((e) => e.docId === docId);
};

beforeAll(async () => {
  mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: 'silent' });
  prefix = testPrefix('document-receipt-crash');
  // The Government Office sends the province's Department of Justice a document.
  const sent = sendEdocRequest(
    edocXml({ fromOrganId: '000.00.00.G22', toOrganId: AGENCY, signature: true }),
    { from: '000.00.00.G22', messagetype: 'edoc' },
    VXP_VPCP,
  );
  docId = (await axios.post(`${mocks.ngspUrl}/edxml/1.0/sendEdoc`, sent.body, { headers: sent.headers })).data.DocId as string;
}, 30_000);

afterAll(async () => {
  await gateway?.crash();
  await mocks?.close();
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

test('a gateway killed while fetching, then after handing the document over but before the acknowledgement, loses nothing: the document comes again until it is confirmed', async () => {
  // 1. Killed mid-fetch: the list is answered, the file is being downloaded (the axis holds its answer), SIGKILL.
  gateway = await startGatewayProcess(env());
  await axios.put(`${mocks.ngspUrl}/__mock/faults/${SERVICE}`, { mode: 'slow', latencyMs: 1500 });
  const pending = call('nhan-van-ban', { maDinhDanh: AGENCY, toiDa: 50 }).then(
    () => 'answered',
    () => 'no answer',
  );
  await waitUntil(
    'the gateway asks the axis for the file',
    async () => {
      const faults = (await axios.get(`${mocks.ngspUrl}/__mock/faults`)).data.items as Array<{ serviceId: string; calls: number }>;
      return (faults.find((f) => f.serviceId === SERVICE)?.calls ?? 0) >= 2 ? true : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 20, describe: () => gateway?.output() ?? '' },
  );
  await gateway.crash();
  expect(await pending).toBe('no answer');
  await axios.delete(`${mocks.ngspUrl}/__mock/faults`);
  expect(await waitingAtAxis()).toBe(true);

  // 2. A new gateway delivers it; killed before the province's system confirms, nothing is acknowledged.
  gateway = await startGatewayProcess(env());
  expect(await received()).toContain(docId);
  await gateway.crash();
  expect(await waitingAtAxis()).toBe(true);

  // 3. Delivered again by the next gateway; confirmed, it is acknowledged at the axis and no longer delivered.
  gateway = await startGatewayProcess(env());
  expect(await received()).toContain(docId);
  const confirmed = await call('xac-nhan-van-ban', { maVanBanTruc: [docId] });
  expect([confirmed.status, confirmed.data.data]).toEqual([200, { soVanBan: 1, trangThai: 'DA_XAC_NHAN' }]);
  expect(await waitingAtAxis()).toBe(false);
  expect(await received()).not.toContain(docId);
}, 120_000);
