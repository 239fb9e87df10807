import type { Logger } from 'pino';
import type { TimerRegistry } from './control/timer-registry';
import type { MockData } from './data/mock-data';
import type { MockService } from './protocols/mock-service';
import type { ServiceDeps } from './services/service-deps';

/** Options shared by both mock servers. */
export interface MockServerOptions {
  /** Seed of the generated data (default 2024); ignored when `data` is given. */
  readonly seed?: number;
  /** Data to serve, e.g. to share one set between servers. */
  readonly data?: MockData;
  /** pino level, `warn` by default. */
  readonly logLevel?: string;
  readonly logger?: Logger;
  /** Owner of the `slow` waits; whoever closes the server clears them. */
  readonly timers?: TimerRegistry;
  /** Clock for the records async operations create. */
  readonly now?: () => Date;
  /** The services this server mounts; its registered list (`ngspServices`, `provinceServices`) by default. */
  readonly services?: (deps: ServiceDeps) => MockService[];
}

export interface NgspMockOptions extends MockServerOptions {
  readonly consumerKey?: string;
  readonly consumerSecret?: string;
  /** Lifetime of issued tokens in seconds (default 3600); `PUT /__mock/token` changes it at run time. */
  readonly tokenLifetimeSeconds?: number;
}
