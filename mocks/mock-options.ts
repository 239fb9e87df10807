import type { Logger } from 'pino';
import type { TimerRegistry } from './control/timer-registry';
import type { MockData } from './data/mock-data';

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
}

export interface NgspMockOptions extends MockServerOptions {
  readonly consumerKey?: string;
  readonly consumerSecret?: string;
  /** Lifetime of issued tokens in seconds (default 3600); `PUT /__mock/token` changes it at run time. */
  readonly tokenLifetimeSeconds?: number;
}
