import request from 'supertest';
import { startTestStack, type TestStack } from '../support/test-stack';

/** `/docs`: a readable page of the document, every asset served by the gateway itself. */
let stack: TestStack;
const app = () => stack.gateway.app;

beforeAll(async () => {
  stack = await startTestStack('docs-page');
});

afterAll(async () => {
  await stack?.close();
});

/** Every `src` and `href` of a page. */
const references = (html: string): string[] => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);

describe('GET /docs', () => {
  test('answers HTML under a CSP that allows scripts from the gateway only, with no inline script', async () => {
    const res = await request(app()).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(res.headers['content-security-policy']).toMatch(/connect-src 'self';/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/docs\//);
      expect(body!.trim()).toBe('');
    }
  });

  test('every asset the page names is a path on the gateway and loads from it', async () => {
    const page = await request(app()).get('/docs');
    const assets = references(page.text).filter((ref) => ref.startsWith('/docs/'));
    expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui.css', '/docs/assets/swagger-ui-bundle.js', '/docs/init.js']));
    for (const ref of references(page.text)) expect(ref).toMatch(/^\/(?!\/)/);
    expect(page.text).not.toMatch(/https?:\/\/|="\/\//);
    for (const asset of assets) {
      const res = await request(app()).get(asset);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(Number(res.headers['content-length'] ?? res.text?.length ?? 0)).toBeGreaterThan(0);
    }
    expect((await request(app()).get('/docs/assets/swagger-ui-bundle.js')).headers['content-type']).toMatch(/javascript/);
    expect((await request(app()).get('/docs/assets/swagger-ui.css')).headers['content-type']).toMatch(/^text\/css/);
  });

  test("the page's script reads the document from this gateway only, and never lets Swagger UI call its public validator", async () => {
    const res = await request(app()).get('/docs/init.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text).not.toMatch(/https?:\/\//);
    expect(res.text).toContain("'/api/v1/openapi.json'");
    expect(res.text).toContain("'/admin/api/openapi.json'");
    expect(res.text).toContain('validatorUrl: null');
  });

  test('only the files the page uses are served from the Swagger UI package (its demo index.html is not)', async () => {
    for (const path of [
      '/docs/assets/index.html',
      '/docs/assets/swagger-initializer.js',
      '/docs/assets/package.json',
      '/docs/assets/..%2Fpackage.json',
    ]) {
      const res = await request(app()).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body.type).toBe('Client.UnknownService');
    }
  });
});
