import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createExpressServer } from '../../src/http/express-server';
import { DEV_SECRET, startTestStack, type TestStack } from '../support/test-stack';
import { launchChromium } from './support/chromium';

/** `/docs` in a real browser: Swagger UI runs under the page's CSP and shows the caller's operations. */
let stack: TestStack;
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const requests: string[] = [];

jest.setTimeout(120_000);

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startTestStack('docs-page-browser');
  server = createExpressServer(stack.gateway.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  context = await browser.newContext({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  page = await context.newPage();
  // Script errors and CSP refusals fail the tests; every request is kept to show nothing leaves the gateway.
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) pageErrors.push(msg.text());
  });
  page.on('request', (req) => requests.push(req.url()));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await stack?.close();
});

const operationsOf = (serviceIds?: readonly string[]): number =>
  stack.gateway.catalog
    .listConnections()
    .filter((c) => !serviceIds || serviceIds.includes(c.id))
    .reduce((n, c) => n + c.operations.length, 0);
/** Token, directory, jobs and the document itself. */
const GATEWAY_ENDPOINTS = 4;

test('a consumer pastes its token and sees its own operations, rendered without a script or CSP error', async () => {
  await page.goto('/docs');
  await page.locator('#token-form').waitFor({ state: 'visible' });
  await page.fill('#token', await stack.token('qlvb'));
  await page.click('#token-form button[type=submit]');
  await page.locator('.opblock').first().waitFor();
  const grants = stack.gateway.config.consumers.find((c) => c.id === 'qlvb')!.services;
  expect(await page.locator('.opblock').count()).toBe(GATEWAY_ENDPOINTS + operationsOf(grants));
  expect(await page.locator('#token-form').isHidden()).toBe(true);
  // An opened operation shows its example body and error answers (highlighted code, tables) under the same CSP.
  await page.locator('.opblock-post .opblock-summary').nth(1).click();
  await page.locator('.opblock-body .responses-wrapper').first().waitFor();
  await page.locator('.opblock-body .microlight, .opblock-body pre').first().waitFor();
  expect(await page.locator('.opblock-body').first().innerText()).toContain('Client.BadRequest');
  expect(pageErrors).toEqual([]);
});

test('a wrong token shows why, and the form stays', async () => {
  await page.goto('/docs');
  await page.fill('#token', 'not-a-token');
  await page.click('#token-form button[type=submit]');
  await page.locator('#token-error').waitFor({ state: 'visible' });
  expect(await page.locator('#token-error').innerText()).toContain('invalid or has expired');
  expect(await page.locator('.opblock').count()).toBe(0);
});

test('an operator signed in to the dashboard sees every operation at once', async () => {
  await page.goto('/admin/login');
  await page.fill('#id', 'van-hanh');
  await page.fill('#secret', DEV_SECRET('van-hanh'));
  await page.click('form button[type=submit]');
  await page.waitForURL('**/admin');
  await page.goto('/docs');
  await page.locator('.opblock').first().waitFor();
  expect(await page.locator('.opblock').count()).toBe(GATEWAY_ENDPOINTS + operationsOf());
  expect(await page.locator('#token-form').isHidden()).toBe(true);
  expect(pageErrors).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
});
