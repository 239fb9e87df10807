import type { Express } from 'express';
import { requireC06Basic } from './auth/c06-basic';
import { createDvcqgSessionRouter, createDvcqgSessionStore, DEV_DVCQG_CREDENTIALS, requireDvcqgSession } from './auth/dvcqg-session';
import { requireLgspAccessToken } from './auth/lgsp-access-token';
import { requireBearer } from './auth/require-bearer';
import { createTokenRouter, DEV_NGSP_CREDENTIALS } from './auth/token-router';
import { TokenStore } from './auth/token-store';
import { requireVxpSignature } from './auth/vxp-hmac';
import { TimerRegistry } from './control/timer-registry';
import { generateMockData } from './data/mock-data';
import { createMockApp } from './mock-app';
import { createMockLogger } from './mock-logger';
import type { NgspMockOptions } from './mock-options';
import { ngspServices } from './services/ngsp-services';

/** WSO2's answer for a resource no API serves. */
export const NO_MATCHING_RESOURCE = {
  fault: { code: 404, type: 'Status report', message: 'Runtime Error', description: 'No matching resource found for given API Request' },
};

/** The mock national platform: WSO2-style `/token`, the providers behind it (`ngspServices`), the control API. */
export function buildNgspMock(opts: NgspMockOptions = {}): Express {
  const tokens = new TokenStore(opts.tokenLifetimeSeconds);
  const dvcqgSessions = createDvcqgSessionStore();
  const credentials = {
    consumerKey: opts.consumerKey ?? DEV_NGSP_CREDENTIALS.consumerKey,
    consumerSecret: opts.consumerSecret ?? DEV_NGSP_CREDENTIALS.consumerSecret,
  };
  return createMockApp({
    services: (opts.services ?? ngspServices)({ data: opts.data ?? generateMockData(opts.seed), now: opts.now ?? (() => new Date()) }),
    logger: opts.logger ?? createMockLogger('mock-ngsp', opts.logLevel),
    timers: opts.timers ?? new TimerRegistry(),
    auth: {
      'ngsp-wso2': requireBearer(tokens),
      'lgsp-access-token': requireLgspAccessToken(tokens),
      'c06-basic': requireC06Basic(),
      'dvcqg-session': requireDvcqgSession(dvcqgSessions),
      'vxp-hmac': requireVxpSignature(),
    },
    routers: [() => createTokenRouter(tokens, credentials), () => createDvcqgSessionRouter(dvcqgSessions, DEV_DVCQG_CREDENTIALS)],
    notFound: (_req, res) => void res.status(404).json(NO_MATCHING_RESOURCE),
  });
}
