import axios from 'axios';
import request from 'supertest';
import type { CallbackNotice } from '../../src/callbacks/callback-notice';
import { composeGateway, type GatewayParts } from '../../src/main/compose-gateway';
import { startDelivery, type DeliveryHandle } from '../../src/main/start-delivery';
import { copyConfig, fastGatewaySettings, removeConfigCopy } from '../support/config-copy';
import { startTestStack, type TestStack } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';

const SERVICE = 'csdl-gia';
const OPERATION = 'gui-du-lieu-gia';
const CONSUMER = 'bao-cao';
const FAST = { callbacks: { timeoutMs: 300, backoffMs: 200 } };

/** The first gateway queues (no workers); the second, started later on a changed config and the same Redis, sends. */
let stack: TestStack;
let restarted: { gateway: GatewayParts; delivery: DeliveryHandle; configDir: string };

beforeAll(async () => {
  stack = await startTestStack('callback-url-config', FAST);
});

afterAll(async () => {
  await restarted?.delivery.close();
  await restarted?.gateway.close();
  if (restarted) removeConfigCopy(restarted.configDir);
  await stack?.close();
});

/** The gateway as restarted after an operator moved bao-cao's callback endpoint in consumers.yaml. */
async function restartWithMovedUrl(): Promise<void> {
  const configDir = copyConfig((file, text) => {
    if (file === 'gateway.yaml') return fastGatewaySettings(text, FAST);
    return file === 'consumers.yaml' ? text.replace(`/callbacks/${CONSUMER}\n`, `/callbacks/${CONSUMER}?endpoint=moved\n`) : text;
  });
  const gateway = composeGateway({
    env: { ...process.env, NGSP_URL: stack.ngspUrl, PROVINCE_URL: stack.provinceUrl, LGSP_KEY_PREFIX: stack.prefix },
    configDir,
  });
  expect(gateway.config.consumers.find((c) => c.id === CONSUMER)?.callbackUrl).toMatch(/\?endpoint=moved$/);
  await gateway.redisReady();
  restarted = { gateway, delivery: await startDelivery(gateway), configDir };
}

type Received = { path: string; verified: boolean; body: CallbackNotice };
async function received(jobId: string): Promise<Received[]> {
  const { data } = await axios.get(`${stack.provinceUrl}/__mock/callbacks`, { params: { consumerId: CONSUMER } });
  return (data.items as Received[]).filter((c) => c.body.jobId === jobId);
}
const arrived = (jobId: string) =>
  waitUntil(`callback for ${jobId}`, async () => ((await received(jobId)).length > 0 ? true : undefined), { timeoutMs: 10_000 });

test('a notice waiting in the outbox, and a job queued before the URL changed in config, go to the URL config gives when they are sent', async () => {
  // Before the change: a notice made durable but never sent, and an async request no worker has taken yet.
  const waiting: CallbackNotice = {
    jobId: `${SERVICE}.before-move`,
    requestId: 'req-before-move',
    serviceId: SERVICE,
    operationId: OPERATION,
    outcome: 'completed',
    attempts: 1,
    finishedAt: new Date().toISOString(),
    statusUrl: '/x',
  };
  expect(await stack.gateway.callbacks.notify(CONSUMER, waiting)).not.toBeNull();
  const example = stack.gateway.catalog.getOperation(SERVICE, OPERATION).config.example as object;
  const submitted = await request(stack.gateway.app)
    .post(`/api/v1/services/${SERVICE}/${OPERATION}`)
    .set('Authorization', `Bearer ${await stack.token(CONSUMER)}`)
    .send(example);
  expect(submitted.status).toBe(202);

  await restartWithMovedUrl();

  for (const jobId of [waiting.jobId, submitted.body.jobId as string]) {
    await arrived(jobId);
    expect(await received(jobId)).toEqual([expect.objectContaining({ path: `/callbacks/${CONSUMER}?endpoint=moved`, verified: true })]);
  }
});
