import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConnectionConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';

interface Compartment {
  cap: number;
  inFlight: number;
}

/** Seconds a refused caller is told to wait: a slot frees as soon as one call in flight ends. */
const RETRY_AFTER_SECONDS = 1;

/**
 * One compartment per connection: a cap on the sync calls in flight at once in this process.
 * Past the cap a call is refused at once (`Server.Gateway.ConnectionBusy`) rather than queued,
 * so a slow provider holds at most its own cap of callers and sockets and every other
 * connection keeps answering. Deliberately no waiting line: a wait would only move the pile-up
 * in front of the provider into the gateway. Async deliveries do not enter: each process's
 * worker `concurrency` already bounds them.
 */
export class ConnectionBulkheads {
  private readonly compartments = new Map<string, Compartment>();
  private refusedTotal: Counter<'service'> | undefined;

  constructor(connections: readonly ConnectionConfig[]) {
    for (const c of connections) this.compartments.set(c.id, { cap: c.bulkhead.maxConcurrentSync, inFlight: 0 });
  }

  /** Takes a slot of the connection or throws ConnectionBusy; the returned function gives it back (once). */
  enter(serviceId: string): () => void {
    const compartment = this.compartment(serviceId);
    if (compartment.inFlight >= compartment.cap) {
      this.refusedTotal?.inc({ service: serviceId });
      throw new GatewayError(
        'Server.Gateway.ConnectionBusy',
        `The connection ${serviceId} already has ${compartment.cap} calls in flight, its limit in this gateway; try again shortly`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    compartment.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      compartment.inFlight -= 1;
    };
  }

  inFlight(serviceId: string): number {
    return this.compartment(serviceId).inFlight;
  }

  /** Publishes the caps, the calls in flight and the refusals on the gateway's registry. */
  registerMetrics(registry: Registry): void {
    const registers = [registry];
    const compartments = this.compartments;
    this.refusedTotal = new Counter({
      name: 'lgsp_bulkhead_refused_total',
      help: 'Sync calls refused with Server.Gateway.ConnectionBusy because the connection had maxConcurrentSync calls in flight',
      labelNames: ['service'],
      registers,
    });
    new Gauge({
      name: 'lgsp_bulkhead_in_flight',
      help: 'Sync calls in flight per connection in this process',
      labelNames: ['service'],
      registers,
      collect() {
        for (const [id, c] of compartments) this.set({ service: id }, c.inFlight);
      },
    });
    new Gauge({
      name: 'lgsp_bulkhead_limit',
      help: 'maxConcurrentSync per connection (bulkhead cap)',
      labelNames: ['service'],
      registers,
      collect() {
        for (const [id, c] of compartments) this.set({ service: id }, c.cap);
      },
    });
  }

  private compartment(serviceId: string): Compartment {
    const compartment = this.compartments.get(serviceId);
    if (!compartment) throw new Error(`no bulkhead for ${serviceId}`);
    return compartment;
  }
}
