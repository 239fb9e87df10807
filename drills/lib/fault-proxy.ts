import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * A fault-injecting TCP proxy in the manner of toxiproxy, for drills: it sits between the gateway
 * and a provider (or Redis) and degrades the network the way real ones degrade, while the
 * drill watches what the gateway makes of it. Faults apply to connections opened after they are
 * set, and — for latency, bandwidth and black holes — to bytes that flow afterwards on open ones.
 */
export interface Faults {
  /** Added to every chunk in each direction, in ms. */
  latencyMs?: number;
  /** Up to this much more, drawn per chunk (jitter), in ms. Chunks keep their order. */
  jitterMs?: number;
  /** Bytes per second in each direction; chunks are cut and paced to it. */
  bandwidthBytesPerSecond?: number;
  /** Resets (RST) a connection after this many bytes have gone upstream; 0 resets on connect. */
  resetAfterBytes?: number;
  /** Accepts connections and bytes but forwards nothing and answers nothing (a dead route). */
  blackhole?: boolean;
  /** Share (0–1) of new connections reset at once, drawn per connection. */
  resetShare?: number;
  /**
   * Closes a connection (FIN to the client) once it has been idle this long, as a provider whose
   * keep-alive timeout is shorter than the client's does: a request sent on the socket just then
   * meets a closed connection.
   */
  idleCloseMs?: number;
  /** Up to this much more idle time, drawn per idle period. */
  idleCloseJitterMs?: number;
}

export interface FaultProxyStats {
  connections: number;
  resets: number;
  /** Connections closed for being idle (idleCloseMs). */
  idleCloses: number;
  bytesUp: number;
  bytesDown: number;
}

export interface FaultProxy {
  readonly port: number;
  readonly url: string;
  set(faults: Faults): void;
  clear(): void;
  stats(): FaultProxyStats;
  /** Closes the listener and every connection through it. */
  close(): Promise<void>;
}

/** A pipe from one socket to the other that applies the current faults to each chunk, in order. */
class FaultyPipe {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly faults: () => Faults,
    private readonly onBytes: (n: number) => boolean,
    private readonly random: () => number,
  ) {
    from.on('data', (chunk: Buffer) => this.accept(chunk));
    // The end follows the bytes before it (a black hole swallows it too); an abrupt close of one
    // side cuts the other once what was already accepted has gone.
    from.on('end', () => {
      if (this.faults().blackhole) return;
      void this.chain.then(() => to.end());
    });
    from.on('close', (hadError: boolean) => {
      if (hadError) void this.chain.then(() => to.destroy());
    });
  }

  private accept(chunk: Buffer): void {
    if (!this.onBytes(chunk.length)) return;
    const f = this.faults();
    if (f.blackhole) return;
    const delay = (f.latencyMs ?? 0) + (f.jitterMs ? this.random() * f.jitterMs : 0);
    const rate = f.bandwidthBytesPerSecond;
    // Backpressure: a slowed pipe stops reading until what it holds has gone.
    if (delay > 0 || rate) this.from.pause();
    this.chain = this.chain.then(async () => {
      if (delay > 0) await sleep(delay);
      if (rate && rate > 0) {
        const slice = Math.max(1, Math.floor(rate / 20));
        for (let at = 0; at < chunk.length; at += slice) {
          if (this.to.destroyed) return;
          this.to.write(chunk.subarray(at, at + slice));
          await sleep((Math.min(slice, chunk.length - at) / rate) * 1000);
        }
      } else if (!this.to.destroyed) this.to.write(chunk);
      this.from.resume();
    });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a proxy on 127.0.0.1 (port 0 unless given) in front of `upstream` (`host:port`). */
export async function startFaultProxy(upstream: string, opts: { port?: number; random?: () => number } = {}): Promise<FaultProxy> {
  const [host = '127.0.0.1', portText = ''] = upstream.replace(/^[a-z]+:\/\//, '').split(':');
  const upstreamPort = Number(portText.split('/')[0]);
  if (!Number.isInteger(upstreamPort) || upstreamPort <= 0) throw new Error(`upstream '${upstream}' is not host:port`);
  const random = opts.random ?? Math.random;
  let faults: Faults = {};
  const stats: FaultProxyStats = { connections: 0, resets: 0, idleCloses: 0, bytesUp: 0, bytesDown: 0 };
  const open = new Set<Socket>();

  const reset = (a: Socket, b?: Socket): void => {
    stats.resets += 1;
    a.resetAndDestroy();
    b?.resetAndDestroy();
  };

  // Half-open both ways: a client that has sent everything (FIN) still gets its answer.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    stats.connections += 1;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    const atConnect = faults;
    if (atConnect.resetAfterBytes === 0 || (atConnect.resetShare !== undefined && random() < atConnect.resetShare)) return reset(client);
    const target = net.connect({ port: upstreamPort, host, allowHalfOpen: true });
    open.add(target);
    target.on('close', () => open.delete(target));
    target.on('error', () => undefined);
    let up = 0;
    let idleTimer: NodeJS.Timeout | undefined;
    const active = (): void => {
      clearTimeout(idleTimer);
      const idle = faults.idleCloseMs;
      if (idle === undefined) return;
      idleTimer = setTimeout(
        () => {
          stats.idleCloses += 1;
          client.end();
          target.destroy();
        },
        idle + (faults.idleCloseJitterMs ? random() * faults.idleCloseJitterMs : 0),
      );
    };
    active();
    client.on('close', () => clearTimeout(idleTimer));
    new FaultyPipe(
      client,
      target,
      () => faults,
      (n) => {
        active();
        up += n;
        stats.bytesUp += n;
        const limit = faults.resetAfterBytes;
        if (limit !== undefined && up > limit) {
          reset(client, target);
          return false;
        }
        return true;
      },
      random,
    );
    new FaultyPipe(
      target,
      client,
      () => faults,
      (n) => {
        active();
        stats.bytesDown += n;
        return true;
      },
      random,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    set(next) {
      faults = { ...next };
    },
    clear() {
      faults = {};
    },
    stats: () => ({ ...stats }),
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
