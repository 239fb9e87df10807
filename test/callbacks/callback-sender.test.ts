import axios from 'axios';
import { CONNECTOR_MAP } from '../../connectors';
import { devCallbackKey } from '../../mocks/callbacks/callback-keys';
import { startMocks, type RunningMocks } from '../../mocks/main';
import type { CallbackNotice } from '../../src/callbacks/callback-notice';
import { CallbackSender } from '../../src/callbacks/callback-sender';
import { CallbackTargets } from '../../src/callbacks/callback-targets';
import { loadConfig } from '../../src/config/load-config';
import { copyConfig, removeConfigCopy } from '../support/config-copy';
import { readmeVerifier } from './readme-verifier';

const CONSUMER = 'bao-cao';
const verify = readmeVerifier();
let mocks: RunningMocks;
const senders: CallbackSender[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  mocks = await startMocks({ ngspPort: 0, provincePort: 0, logLevel: 'silent' });
});

afterAll(async () => {
  for (const sender of senders) sender.close();
  for (const dir of dirs) removeConfigCopy(dir);
  await mocks?.close();
});

beforeEach(() => axios.delete(`${mocks.provinceUrl}/__mock/callbacks`));

/** A sender on the shipped config (or an edited copy) with the given environment, pointed at the mock consumers. */
function senderWith(
  opts: { env?: NodeJS.ProcessEnv; editConsumers?: (text: string) => string; nowMs?: () => number } = {},
): CallbackSender {
  const dir = opts.editConsumers ? copyConfig((file, text) => (file === 'consumers.yaml' ? opts.editConsumers!(text) : text)) : undefined;
  if (dir) dirs.push(dir);
  const config = loadConfig({ env: { PROVINCE_URL: mocks.provinceUrl, ...opts.env }, connectors: CONNECTOR_MAP, ...(dir ? { dir } : {}) });
  const sender = new CallbackSender(new CallbackTargets(config.consumers), config.settings.callbacks, opts.nowMs);
  senders.push(sender);
  return sender;
}

const notice = (jobId: string): CallbackNotice => ({
  jobId,
  requestId: `req-${jobId}`,
  serviceId: 'csdl-gia',
  operationId: 'gui-du-lieu-gia',
  outcome: 'completed',
  attempts: 1,
  finishedAt: new Date().toISOString(),
  statusUrl: `/api/v1/jobs/${jobId}`,
});

type Received = { consumerId: string; signature: string; verified: boolean; refusal?: string; body: CallbackNotice };
async function received(): Promise<Received[]> {
  return ((await axios.get(`${mocks.provinceUrl}/__mock/callbacks`, { params: { consumerId: CONSUMER } })).data as { items: Received[] })
    .items;
}

test('with the shipped development key the consumer verifies the callback, as the README shows', async () => {
  await expect(senderWith().send({ consumer: CONSUMER, notice: notice('csdl-gia.ok') })).resolves.toBe(true);
  const [callback] = await received();
  expect(callback).toMatchObject({ verified: true, body: { jobId: 'csdl-gia.ok' } });
  expect(verify(callback!.signature, JSON.stringify(callback!.body), devCallbackKey(CONSUMER))).toBe(true);
});

test('signed with a key the consumer does not hold, the callback is refused (401) and not taken', async () => {
  const sender = senderWith({ env: { LGSP_CALLBACK_SIGNING_KEY_BAO_CAO: 'a-new-key-the-consumer-was-never-given-000' } });
  await expect(sender.send({ consumer: CONSUMER, notice: notice('csdl-gia.wrong-key') })).rejects.toThrow('answered HTTP 401');
  expect(await received()).toEqual([expect.objectContaining({ verified: false, refusal: 'mismatch' })]);
});

test('a signature made longer ago than the tolerance is refused as a replay', async () => {
  const sender = senderWith({ nowMs: () => Date.now() - 301_000 });
  await expect(sender.send({ consumer: CONSUMER, notice: notice('csdl-gia.stale') })).rejects.toThrow('answered HTTP 401');
  expect(await received()).toEqual([expect.objectContaining({ verified: false, refusal: 'stale' })]);
});

test('during a rotation every listed key signs, so a consumer still holding the old key takes the callback', async () => {
  const NEW = 'the-next-bao-cao-callback-key-0123456789ab';
  const sender = senderWith({
    editConsumers: (text) =>
      text.replace(
        /^(\s+)callbackSigningKey: \$\{LGSP_CALLBACK_SIGNING_KEY_BAO_CAO:-([^}]+)\}$/m,
        `$1callbackSigningKeys: [{ id: '2027-01', key: ${NEW} }, { id: 'dev', key: $2 }]`,
      ),
  });
  await expect(sender.send({ consumer: CONSUMER, notice: notice('csdl-gia.rotation') })).resolves.toBe(true);
  const [callback] = await received();
  expect(callback!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
  expect(callback!.verified).toBe(true);
  expect(verify(callback!.signature, JSON.stringify(callback!.body), NEW)).toBe(true);
});

test('a consumer whose callback URL was removed from config gets nothing: the notice is done with', async () => {
  const sender = senderWith({ editConsumers: (text) => text.replace(/^\s+callbackUrl: .*\/callbacks\/bao-cao\n/m, '') });
  await expect(sender.send({ consumer: CONSUMER, notice: notice('csdl-gia.removed') })).resolves.toBe(false);
  expect(await received()).toEqual([]);
});
