import { CITIZEN_ID, HOSTILE_CASES, type CaseContext } from './hostile-cases';
import { startHostileGateway, type HostileGateway } from './hostile-gateway';
import { rawRequest } from './raw-http';

let gw: HostileGateway;
let ctx: CaseContext;
const STACK_TRACE = /\n\s+at \S+ \(|node_modules|\.ts:\d+/;

beforeAll(async () => {
  // A short headers timeout so the slow-client cases end within the 3 s budget.
  gw = await startHostileGateway('hostile-corpus', { LGSP_HEADERS_TIMEOUT_MS: '1500' });
  ctx = { consumer: await gw.token('mot-cua'), documents: await gw.token('qlvb'), operator: await gw.token('van-hanh') };
}, 30_000);

afterAll(async () => {
  await gw?.close();
});

test('the corpus has at least 100 cases in at least 15 categories', () => {
  expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(100);
  expect(new Set(HOSTILE_CASES.map((c) => c.category)).size).toBeGreaterThanOrEqual(15);
});

describe.each([...new Set(HOSTILE_CASES.map((c) => c.category))])('%s', (category) => {
  test.each(HOSTILE_CASES.filter((c) => c.category === category).map((c) => [c.name, c] as const))(
    '%s → a typed refusal within 3 s, no stack, no personal data',
    async (_name, hostile) => {
      const { chunks, gapMs } = hostile.send(ctx);
      const answer = await rawRequest(gw.port, chunks, { timeoutMs: 3000, ...(gapMs ? { gapMs } : {}) });
      expect(answer.ms).toBeLessThan(3000);
      if (hostile.closeWithoutAnswer && answer.status === 0) return;
      expect(answer.status).not.toBe(0);
      if (hostile.expect) expect(hostile.expect).toContain(answer.status);
      // The dashboard's form login answers a refusal with 303 back to the form (error in the query).
      else if (hostile.category === 'token-and-login' && answer.status === 303)
        expect(answer.headers['location']).toMatch(/^\/admin\/login\?/);
      else
        expect(
          answer.status >= 400 && answer.status < 500 ? 'refused' : answer.status === 503 ? 'refused' : `status ${answer.status}`,
        ).toBe('refused');
      expect(answer.body).not.toMatch(STACK_TRACE);
      expect(answer.body).not.toContain(CITIZEN_ID);
      if (!hostile.parserLevel && answer.status !== 408) {
        // The contract's error (X-LGSP-Error + {type}) or, on /token and login, RFC 6749's {error}.
        const body = (answer.headers['content-type']?.includes('json') ? JSON.parse(answer.body) : {}) as { type?: string; error?: string };
        expect(answer.headers['x-lgsp-error'] ?? body.error ?? (answer.headers['location'] ? 'redirect' : undefined)).toBeDefined();
      }
    },
  );
});

test('idempotency-keys: the same key with a different body → 422 Client.IdempotencyKeyMismatch, the same body → the same job', async () => {
  const example = gw.gw.parts.catalog.getOperation('mot-cua-sang-qlvb', 'chuyen-ho-so').config.example as Record<string, unknown>;
  const key = `hostile-${Date.now()}`;
  const submit = (body: object) =>
    fetch(`${gw.url}/api/v1/services/mot-cua-sang-qlvb/chuyen-ho-so`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.consumer}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    });
  const first = await submit(example);
  expect(first.status).toBe(202);
  const again = await submit(example);
  expect(again.status).toBe(202);
  expect(((await again.json()) as { jobId: string }).jobId).toBe(((await first.json()) as { jobId: string }).jobId);
  const field = Object.keys(example).find((k) => typeof example[k] === 'string')!;
  const other = await submit({ ...example, [field]: `${String(example[field])}-khac` });
  expect(other.status).toBe(422);
  expect(other.headers.get('x-lgsp-error')).toBe('Client.IdempotencyKeyMismatch');
});

test('after the corpus the process is up, /health and /ready answer, and the logs hold no personal data, no stack and no error', async () => {
  expect((await fetch(`${gw.url}/health`)).status).toBe(200);
  expect([200, 503]).toContain((await fetch(`${gw.url}/ready`)).status);
  const logs = gw.logs();
  expect(logs.length).toBeGreaterThan(0);
  expect(logs.includes(CITIZEN_ID) ? 'a citizen id was logged' : 'none').toBe('none');
  // Errors are logged with their stack (pino's err serializer): a hostile input is a refusal, not
  // an error, so no line carries a stack, and none is at ERROR, where a person must act.
  expect(
    logs
      .split('\n')
      .filter((line) => line.includes('"stack"') || /"level":(50|60),/.test(line))
      .map((line) => line.slice(0, 400)),
  ).toEqual([]);
  expect(logs).not.toMatch(/"level":50,[^\n]*unhandled error/);
});
