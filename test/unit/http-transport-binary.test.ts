import { createHash } from 'node:crypto';
import type { ConnectionConfig } from '../../src/config/schema';
import type { RestWire } from '../../src/connector-kit/connector-definition';
import { isGatewayError } from '../../src/errors/gateway-error';
import { createHttpClient, HttpTransport, type OutboundResponse } from '../../src/protocols/http-transport';
import type { AdapterContext } from '../../src/protocols/protocol-adapter';
import { restAdapter } from '../../src/protocols/rest-adapter';
import { startProbeProvider, type ProbeProvider } from '../support/probe-provider';

/**
 * A provider that answers documents as bytes: every byte value (what a text decoding would
 * spoil), a JSON refusal, an empty document, and answers over the client's size limit.
 */
const LIMIT = 4096;
const ALL_BYTE_VALUES = Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256));
let provider: ProbeProvider;

beforeAll(async () => {
  provider = await startProbeProvider('binary-probe', 2, (req, res) => {
    if (req.url === '/doc') {
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="BienLai_1.pdf"' });
      return void res.end(ALL_BYTE_VALUES);
    }
    if (req.url === '/refusal') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      return void res.end(JSON.stringify({ error_code: '04', message: 'Không tìm thấy giao dịch' }));
    }
    if (req.url === '/empty') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return void res.end();
    }
    // /big-pdf and /big-text: one byte over the limit.
    res.writeHead(200, { 'Content-Type': req.url === '/big-pdf' ? 'application/pdf' : 'text/plain' });
    res.end(Buffer.alloc(LIMIT + 1, 0x41));
  });
});

afterAll(() => provider.close());

const connection = (): ConnectionConfig => provider.connection();

const ctx = () => ({ requestId: 'r', signal: AbortSignal.timeout(5000) });
const wire: RestWire = { protocol: 'rest', method: 'POST', path: '/doc', responseType: 'binary' };
const adapterCtx = { wire } as unknown as AdapterContext;

async function withTransport<T>(run: (t: HttpTransport) => Promise<T>): Promise<T> {
  const transport = new HttpTransport(createHttpClient({ maxAnswerBytes: LIMIT }), new Map());
  try {
    return await run(transport);
  } finally {
    transport.destroy();
  }
}

const fetchBinary = (t: HttpTransport, path: string): Promise<OutboundResponse> =>
  t.send(connection(), { method: 'GET', path, headers: {}, responseType: 'binary' }, ctx());

test('a binary answer keeps every byte as sent, and the adapter answers it as a document with its digest', async () => {
  await withTransport(async (t) => {
    const res = await fetchBinary(t, '/doc');
    expect(res.bytes?.equals(ALL_BYTE_VALUES)).toBe(true);
    expect(res.responseBytes).toBe(ALL_BYTE_VALUES.length);
    expect(res.body).toBe('');
    expect(await restAdapter.decode(res, adapterCtx)).toEqual({
      contentType: 'application/pdf',
      fileName: 'BienLai_1.pdf',
      sizeBytes: 1024,
      sha256: createHash('sha256').update(ALL_BYTE_VALUES).digest('hex'),
      contentBase64: ALL_BYTE_VALUES.toString('base64'),
    });
  });
});

test('a JSON answer on a binary wire stays readable: the adapter hands the parsed refusal to the connector', async () => {
  await withTransport(async (t) => {
    const res = await fetchBinary(t, '/refusal');
    expect(JSON.parse(res.body)).toEqual({ error_code: '04', message: 'Không tìm thấy giao dịch' });
    expect(await restAdapter.decode(res, adapterCtx)).toEqual({ error_code: '04', message: 'Không tìm thấy giao dịch' });
  });
});

test('an empty document is a bad answer, not a receipt', async () => {
  await withTransport(async (t) => {
    const err = await restAdapter.decode(await fetchBinary(t, '/empty'), adapterCtx).catch((e: unknown) => e);
    expect(isGatewayError(err) && err.type).toBe('Server.Provider.BadResponse');
  });
});

test('the size limit of text answers holds for bytes too: one byte over is a bad answer either way', async () => {
  await withTransport(async (t) => {
    const binary = await fetchBinary(t, '/big-pdf').catch((e: unknown) => e);
    expect(isGatewayError(binary) && binary.type).toBe('Server.Provider.BadResponse');
    const text = await t.send(connection(), { method: 'GET', path: '/big-text', headers: {} }, ctx()).catch((e: unknown) => e);
    expect(isGatewayError(text) && text.type).toBe('Server.Provider.BadResponse');
  });
});
