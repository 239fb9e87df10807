import type { Express } from 'express';
import { CallbackJournal } from './callbacks/callback-journal';
import { CALLBACK_FAULT_TARGET, createCallbackRouter } from './callbacks/callback-router';
import { TimerRegistry } from './control/timer-registry';
import { generateMockData } from './data/mock-data';
import { createMockApp } from './mock-app';
import { createMockLogger } from './mock-logger';
import type { MockServerOptions } from './mock-options';
import { provinceServices } from './services/province-services';

/** The mock provincial systems: the internal providers (`provinceServices`, no token), the callback receiver, the control API. */
export function buildProvinceMock(opts: MockServerOptions = {}): Express {
  return createMockApp({
    services: (opts.services ?? provinceServices)({ data: opts.data ?? generateMockData(opts.seed), now: opts.now ?? (() => new Date()) }),
    logger: opts.logger ?? createMockLogger('mock-province', opts.logLevel),
    timers: opts.timers ?? new TimerRegistry(),
    routers: [(deps) => createCallbackRouter(new CallbackJournal(), deps)],
    faultTargets: [CALLBACK_FAULT_TARGET],
    notFound: (_req, res) => void res.status(404).json({ errorCode: 'NOT_FOUND', errorMessage: 'Không tìm thấy tài nguyên' }),
  });
}
