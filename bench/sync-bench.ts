import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import axios from 'axios';
import { ensureRedis } from '../src/infra/ensure-redis';

/**
 * Gateway overhead on a sync operation: autocannon against the gateway's
 * `csdl-dan-cu/xac-thuc-cong-dan`, then against the mock population database directly with
 * the same SOAP request, each process (mocks, gateway, load) on its own.
 */
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const ROOT = path.resolve(__dirname, '..');
const SOAP_BODY =
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://dancuquocgia.bca"><soap:Header/><soap:Body><ns:XacThucCongDan><ns:MaYeuCau>bench</ns:MaYeuCau><ns:MaDichVu>LGSP-BG-XACTHUC</ns:MaDichVu><ns:MaCanBo>LGSP</ns:MaCanBo><ns:SoDinhDanh>024090001234</ns:SoDinhDanh><ns:HoVaTen>Nguyễn Văn An</ns:HoVaTen><ns:NgayThangNamSinh>19900512</ns:NgayThangNamSinh></ns:XacThucCongDan></soap:Body></soap:Envelope>';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function start(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await axios.get(url, { validateStatus: () => true });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not come up`);
}

async function run(title: string, opts: autocannon.Options): Promise<{ title: string; rps: number; p50: number; p99: number; non2xx: number; errors: number }> {
  const result = await autocannon({ duration: DURATION_S, connections: CONNECTIONS, ...opts });
  return { title, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main(): Promise<void> {
  const redis = await ensureRedis({ log: () => undefined });
  const [ngspPort, provincePort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
  const ngspUrl = `http://127.0.0.1:${ngspPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const children = [
    start('mocks/main.ts', { MOCK_NGSP_PORT: String(ngspPort), MOCK_PROVINCE_PORT: String(provincePort) }),
    start('src/main/gateway.ts', { PORT: String(gatewayPort), REDIS_URL: redis.url, NGSP_URL: ngspUrl, PROVINCE_URL: `http://127.0.0.1:${provincePort}`, LGSP_KEY_PREFIX: 'lgsp-bench' }),
  ];
  try {
    await waitFor(`${ngspUrl}/__mock/faults`);
    await waitFor(`${gatewayUrl}/health`);
    const consumerToken = (await axios.post(`${gatewayUrl}/token`, 'grant_type=client_credentials', { auth: { username: 'mot-cua', password: 'mot-cua-dev-secret' } })).data.access_token;
    const ngspToken = (await axios.post(`${ngspUrl}/token`, 'grant_type=client_credentials', { auth: { username: 'lgsp-bac-giang', password: 'lgsp-bac-giang-ngsp-secret' } })).data.access_token;
    const gatewayCall: autocannon.Options = {
      url: `${gatewayUrl}/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan`,
      method: 'POST',
      headers: { authorization: `Bearer ${consumerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-05-12' }),
    };
    const directCall: autocannon.Options = {
      url: `${ngspUrl}/dancuquocgia/1.0/DanCuService`,
      method: 'POST',
      headers: { authorization: `Bearer ${ngspToken}`, 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://dancuquocgia.bca/XacThucCongDan"' },
      body: SOAP_BODY,
    };
    await autocannon({ ...gatewayCall, duration: 2, connections: 8 });
    const rows = [await run('mock directly (SOAP)', directCall), await run('through the gateway (JSON → SOAP → JSON)', gatewayCall)];
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const lines = [
      `## Sync call: csdl-dan-cu/xac-thuc-cong-dan — ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Machine: ${machine}. autocannon ${CONNECTIONS} connections × ${DURATION_S} s; mocks, gateway and load generator in separate processes on one machine.`,
      '',
      '| target | requests/s | p50 ms | p99 ms | non-2xx | errors |',
      '|---|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.title} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`),
      '',
    ];
    console.log(lines.join('\n'));
    const results = path.join(ROOT, 'bench/RESULTS.md');
    if (!existsSync(results)) writeFileSync(results, '# Benchmark results\n\nAppended by `npm run bench…`; newest last.\n\n');
    appendFileSync(results, `${lines.join('\n')}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
