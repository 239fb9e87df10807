import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createExpressServer } from '../../src/http/express-server';
import { DEV_SECRET, startTestStack, type TestStack } from '../support/test-stack';
import { waitUntil } from '../support/wait-until';
import { launchChromium } from './support/chromium';
import { startSyncTraffic } from './support/sync-traffic';

const ARTIFACTS = path.join(__dirname, '..', '..', 'artifacts');
const LAND = { service: 'dat-dai', operation: 'tra-cuu-thua-dat', body: { maXa: '07210', soTo: '12', soThua: '345' } };
const PRICES = { service: 'csdl-gia', operation: 'gui-du-lieu-gia' };

let stack: TestStack;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

jest.setTimeout(120_000);

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startTestStack('dashboard', {
    workers: true,
    timeoutMs: 800,
    breaker: { volumeThreshold: 5, resetTimeoutMs: 2000 },
    retry: { attempts: 2, backoffMs: 50, maxBackoffMs: 100 },
  });
  server = createExpressServer(stack.gateway.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  page = await context.newPage();
  // Script errors and CSP refusals on the dashboard's own pages fail the last test.
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !page.url().includes('/admin/queues')) pageErrors.push(`${page.url()}: ${msg.text()}`);
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await stack?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
const row = (serviceId: string, status?: string) =>
  page.locator(`#services tr[data-service-id="${serviceId}"]${status ? `[data-status="${status}"]` : ''}`);

async function logIn(id: string): Promise<void> {
  await page.goto('/admin/login');
  await page.fill('#id', id);
  await page.fill('#secret', DEV_SECRET(id));
  await page.click('form button[type=submit]');
}

async function api(
  method: string,
  url: string,
  consumer: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { Authorization: `Bearer ${await stack.token(consumer)}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const jobStatus = async (jobId: string) => (await api('GET', `/api/v1/jobs/${jobId}`, 'bao-cao')).body['status'] as string;

test('without a session the dashboard sends to the login page, which refuses consumer credentials', async () => {
  await page.goto('/admin');
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  await logIn('mot-cua');
  await page.waitForURL('**/admin/login?error=1');
  await page.locator('#login-error').waitFor({ state: 'visible' });
  expect(await page.locator('#login-error').innerText()).toContain('not an operator account');
  expect((await context.cookies()).some((c) => c.name === 'lgsp_admin')).toBe(false);
  await shot('login-refused');
});

test('the operator logs in and the overview shows every connection of the catalog, with status as text and colour', async () => {
  const connections = stack.gateway.catalog.listConnections().length;
  await logIn('van-hanh');
  await page.waitForURL(`${base}/admin`);
  const started = Date.now();
  const response = await page.goto('/admin');
  await page
    .locator('#services[data-loaded="true"] tbody tr')
    .nth(connections - 1)
    .waitFor();
  const wallMs = Date.now() - started;
  const browserMs = await page.evaluate(() => performance.getEntriesByName('lgsp-overview-ready')[0]?.startTime ?? -1);
  console.log(
    `overview load: navigation to ${connections} populated rows in ${Math.round(browserMs)} ms (browser performance mark), ${wallMs} ms wall-clock from page.goto`,
  );

  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(await page.locator('#services tbody tr').count()).toBe(connections);
  const statuses = await page.locator('#services tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  expect(statuses.every((s) => s === 'green' || s === 'amber' || s === 'red')).toBe(true);
  expect(await page.locator('h1').innerText()).toContain('Kết nối');
  expect(await row('dat-dai').locator('[data-cell=status]').innerText()).toMatch(/Tốt \/ Healthy|Cần chú ý|Lỗi/);
  await shot('overview');
});

test('a provider that goes down turns its row red, and green again once it recovers, without reloading', async () => {
  const traffic = startSyncTraffic({
    url: `${base}/api/v1/services/${LAND.service}/${LAND.operation}`,
    token: await stack.token('mot-cua'),
    body: LAND.body,
    pauseMs: 50,
    maxCalls: 1500,
  });
  try {
    await row(LAND.service, 'green').waitFor({ timeout: 15_000 });
    await stack.fault(LAND.service, { mode: 'down' });
    await row(LAND.service, 'red').waitFor({ timeout: 20_000 });
    expect(await row(LAND.service).locator('[data-cell=status]').innerText()).toContain('Lỗi / Failing');
    await shot('overview-red');
    await stack.fault(LAND.service, { mode: 'ok' });
    await row(LAND.service, 'green').waitFor({ timeout: 30_000 });
    expect(await row(LAND.service).locator('[data-cell=breaker]').innerText()).toContain('Đóng / Closed');
  } finally {
    await traffic.stop();
    await stack.fault(LAND.service, { mode: 'ok' });
  }
});

test('a dead letter is shown on its connection page and replayed from there until delivered', async () => {
  await stack.fault(PRICES.service, { mode: 'error', status: 400 });
  const example = stack.gateway.catalog.getOperation(PRICES.service, PRICES.operation).config.example;
  const submitted = await api('POST', `/api/v1/services/${PRICES.service}/${PRICES.operation}`, 'bao-cao', example);
  expect(submitted.status).toBe(202);
  const jobId = String(submitted.body['jobId']);
  await waitUntil('the job fails', async () => ((await jobStatus(jobId)) === 'failed' ? true : undefined), { timeoutMs: 15_000 });
  await stack.fault(PRICES.service, { mode: 'ok' });

  await page.goto(`/admin/services/${PRICES.service}`);
  const letter = page.locator(`#dead-letters tr[data-job-id="${jobId}"]`);
  await letter.waitFor({ timeout: 10_000 });
  expect(await letter.innerText()).toContain('bao-cao');
  await page.locator('#chart .uplot canvas').first().waitFor();
  await page.locator('#exchanges tbody tr[data-outcome="failure"]').first().waitFor();
  await shot('service-dead-letter');

  await letter.locator(`button[data-replay="${jobId}"]`).click();
  await waitUntil('the replayed job completes', async () => ((await jobStatus(jobId)) === 'completed' ? true : undefined), {
    timeoutMs: 15_000,
    describe: () => jobStatus(jobId),
  });
  await letter.waitFor({ state: 'detached', timeout: 10_000 });
  expect(await page.locator('#replay-result').innerText()).toContain('Đã phát lại / Replayed: 1');
  await page.locator('#exchanges tbody tr[data-outcome="success"]').first().waitFor({ timeout: 10_000 });
  await page.locator('#service[data-status="green"]').waitFor({ timeout: 10_000 });
  await shot('service-replayed');
});

test('bull-board loads for the logged-in operator and sends anyone else to the login page', async () => {
  const queuesRead = page.waitForResponse((r) => r.url().includes('/admin/queues/api/queues') && r.status() === 200);
  await page.goto('/admin/queues');
  await queuesRead;
  // The queue's name shows twice once the board has drawn: in the menu and on its card.
  const names = page.getByText(PRICES.service, { exact: true });
  await waitUntil('bull-board draws the queue cards', async () => ((await names.count()) >= 2 ? true : undefined), { timeoutMs: 15_000 });
  await shot('bull-board');
  // bull-board is read-only: a change is refused even from the board's own page (replay is in the audited admin API).
  const fromBoard = (action: string) =>
    page.evaluate(async (url) => (await fetch(url, { method: 'PUT' })).status, `/admin/queues/api/queues/${LAND.service}/${action}`);
  expect([await fromBoard('pause'), await fromBoard('resume')]).toEqual([403, 403]);
  expect((await context.request.put(`/admin/queues/api/queues/${LAND.service}/pause`, { maxRedirects: 0 })).status()).toBe(403);

  const anonymous = await browser.newContext({ baseURL: base });
  try {
    for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin', `/admin/services/${LAND.service}`]) {
      const res = await anonymous.request.get(url, { maxRedirects: 0 });
      expect([url, res.status(), res.headers()['location']]).toEqual([url, 302, '/admin/login']);
    }
    expect((await anonymous.request.put('/admin/queues/api/queues/dat-dai/pause', { maxRedirects: 0 })).status()).toBe(401);
    const anonymousPage = await anonymous.newPage();
    await anonymousPage.goto('/admin/queues');
    expect(new URL(anonymousPage.url()).pathname).toBe('/admin/login');
  } finally {
    await anonymous.close();
  }
});

test('the audit trail page lists the replay with who made it, and filters by action', async () => {
  await page.goto('/admin/audit');
  await page.locator('#audit[data-loaded="true"]').waitFor();
  const replayed = page.locator('#audit tbody tr', { hasText: 'dead-letters.replayed' }).first();
  await replayed.waitFor();
  expect(await replayed.innerText()).toContain('van-hanh');
  expect(await replayed.innerText()).toContain(PRICES.service);
  await page.selectOption('select[name=action]', 'dead-letters.replayed');
  await page.click('#filters button[type=submit]');
  await waitUntil(
    'only replays are listed',
    async () => {
      const actions = await page.locator('#audit tbody tr td:nth-child(2)').allInnerTexts();
      return actions.length > 0 && actions.every((a) => a === 'dead-letters.replayed') ? true : undefined;
    },
    { timeoutMs: 10_000 },
  );
  await shot('audit');
});

test('logging out ends the session', async () => {
  await page.goto('/admin');
  await page.click('nav form button[type=submit]');
  await page.waitForURL('**/admin/login');
  await page.goto('/admin');
  expect(new URL(page.url()).pathname).toBe('/admin/login');
  expect(pageErrors).toEqual([]);
});
