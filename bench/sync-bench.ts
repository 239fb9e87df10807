import autocannon from 'autocannon';
import { c06Password, DEV_C06_CREDENTIALS } from '../mocks/auth/c06-basic';
import { machineDescription, markdownTable, recordResults, today } from './lib/bench-results';
import { startBenchStack } from './lib/bench-stack';

/**
 * Gateway overhead on a sync operation: autocannon against the gateway's
 * `csdl-dan-cu/xac-thuc-cong-dan`, then against the mock population database directly with
 * the same SOAP request, each process (mocks, gateway, load) on its own.
 */
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const SOAP_BODY =
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://dancuquocgia.bca"><soap:Header/><soap:Body><ns:XacThucThongTinCongDanRequest>' +
  '<ns:MaYeuCau>bench</ns:MaYeuCau><ns:MaDVC>VPCP</ns:MaDVC><ns:MaTichHop>033</ns:MaTichHop><ns:MaDonVi>000.00.00.H06</ns:MaDonVi><ns:MaCanBo>LGSP</ns:MaCanBo>' +
  '<ns:SoDinhDanh>024090001234</ns:SoDinhDanh><ns:HoVaTen>Nguyễn Văn An</ns:HoVaTen><ns:NgayThangNamSinh><ns:NgayThangNam>19900512</ns:NgayThangNam></ns:NgayThangNamSinh>' +
  '</ns:XacThucThongTinCongDanRequest></soap:Body></soap:Envelope>';

/** c06-basic headers signed once: the run is far shorter than the provider's Timestamp window. */
function c06Headers(): Record<string, string> {
  const { username, secret, apiKey, xRoadClient } = DEV_C06_CREDENTIALS;
  const timestamp = String(Date.now());
  const basic = Buffer.from(`${username}:${c06Password('/dancuquocgia/1.0/DanCuService', username, timestamp, secret)}`).toString('base64');
  return { timestamp, authorization: `Basic ${basic}`, 'x-road-client': xRoadClient, apikey: apiKey };
}

async function run(
  title: string,
  opts: autocannon.Options,
): Promise<{ title: string; rps: number; p50: number; p99: number; non2xx: number; errors: number }> {
  const result = await autocannon({ duration: DURATION_S, connections: CONNECTIONS, ...opts });
  return {
    title,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const stack = await startBenchStack('sync');
  try {
    const gatewayCall: autocannon.Options = {
      url: `${stack.gatewayUrl}/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan`,
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.consumerToken('mot-cua')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ soDinhDanh: '024090001234', hoVaTen: 'Nguyễn Văn An', ngaySinh: '1990-05-12' }),
    };
    const directCall: autocannon.Options = {
      url: `${stack.ngspUrl}/dancuquocgia/1.0/DanCuService`,
      method: 'POST',
      headers: { ...c06Headers(), 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: SOAP_BODY,
    };
    await autocannon({ ...gatewayCall, duration: 2, connections: 8 });
    const rows = [await run('mock directly (SOAP)', directCall), await run('through the gateway (JSON → SOAP → JSON)', gatewayCall)];
    recordResults([
      `## Sync call: csdl-dan-cu/xac-thuc-cong-dan — ${today()}`,
      '',
      `Machine: ${machineDescription()}. autocannon ${CONNECTIONS} connections × ${DURATION_S} s; mocks, gateway and load generator in separate processes on one machine.`,
      '',
      ...markdownTable(
        ['target', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
        rows.map((r) => [r.title, r.rps, r.p50, r.p99, r.non2xx, r.errors]),
      ),
      '',
    ]);
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
