import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { ROOT, startTsx, type BenchProcess } from './bench-process';

const READY = 'gateway cluster listening';

/** A primary and its gateway processes, all listening on one port. */
export interface GatewayCluster {
  process: BenchProcess;
  primaryPid: number;
  gatewayPids: number[];
}

/**
 * Role of a bench process: forks `BENCH_GATEWAYS` gateway processes (`src/main/gateway.ts`)
 * with Node's cluster module, so they share the port in PORT. On Linux the primary accepts each
 * connection and hands it to the next process in turn (SCHED_RR): the balancing is per
 * connection, the bytes then flow straight to that process without a proxy hop.
 */
export async function runGatewayCluster(): Promise<void> {
  const count = Number(process.env['BENCH_GATEWAYS'] ?? 2);
  cluster.schedulingPolicy = cluster.SCHED_RR;
  // execArgv is inherited: the primary runs under `node --import tsx`, so do its workers.
  cluster.setupPrimary({ exec: path.join(ROOT, 'src/main/gateway.ts') });
  const workers: Worker[] = [];
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = cluster.fork();
      workers.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.once('listening', () => resolve());
        worker.once('exit', (code) => reject(new Error(`a gateway process exited (code ${code}) before listening`)));
      });
    }),
  );
  console.log(`${READY} ${workers.map((w) => w.process.pid).join(' ')}`);
  process.once('SIGTERM', () => {
    void Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    ).then(() => process.exit(0));
  });
}

/** Starts `script`'s `gateway-cluster` role with `env` (PORT, LGSP_KEY_PREFIX, …) and waits until every process listens. */
export async function startGatewayCluster(script: string, count: number, env: NodeJS.ProcessEnv): Promise<GatewayCluster> {
  const p = startTsx(`gateways-x${count}`, script, { args: ['gateway-cluster'], env: { ...env, BENCH_GATEWAYS: String(count) } });
  const line = await p.waitForLine((l) => l.startsWith(READY), 60_000);
  const gatewayPids = line.slice(READY.length).trim().split(' ').map(Number);
  return { process: p, primaryPid: p.child.pid ?? 0, gatewayPids };
}
