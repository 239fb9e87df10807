import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import type { TokenService } from '../../auth/token-service';
import type { Catalog } from '../../catalog/catalog';
import type { JobQueues } from '../../queue/job-queues';
import { BULL_BOARD_PATH, bullBoard } from './bull-board';
import { BULL_BOARD_CSP, hasOperatorSession, LOGIN_PATH, PAGE_CSP, pageHeaders, requireOperatorSession } from './dashboard-session';

export interface DashboardDeps {
  tokens: TokenService;
  queues: JobQueues;
  catalog: Catalog;
}

const UI_DIR = path.join(__dirname, '..', '..', 'admin', 'ui');
const PAGES_DIR = path.join(UI_DIR, 'pages');
const ASSETS_DIR = path.join(UI_DIR, 'assets');
/** uPlot's built files only, not the rest of node_modules. */
const UPLOT_DIR = path.dirname(require.resolve('uplot'));

const sendPage =
  (file: string): RequestHandler =>
  (_req, res) => {
    res.sendFile(file, { root: PAGES_DIR });
  };

/**
 * The operators' dashboard: small static pages whose scripts read the operators' JSON API
 * (`/admin/api`) with the session cookie, and bull-board under `/admin/queues`, all behind
 * the operator login.
 */
export function dashboardRoute(deps: DashboardDeps): Router {
  const router = Router();
  const session = requireOperatorSession(deps.tokens);
  const page = pageHeaders(PAGE_CSP);
  const statics = { index: false, redirect: false } as const;

  router.use('/admin/assets/uplot', pageHeaders(PAGE_CSP, 'default'), express.static(UPLOT_DIR, statics));
  router.use('/admin/assets', pageHeaders(PAGE_CSP, 'default'), express.static(ASSETS_DIR, statics));

  router.get(LOGIN_PATH, page, (req, res, next) => {
    if (hasOperatorSession(deps.tokens, req)) res.redirect(302, '/admin');
    else sendPage('login.html')(req, res, next);
  });
  router.get('/admin', page, session, sendPage('overview.html'));
  router.get('/admin/audit', page, session, sendPage('audit.html'));
  router.get('/admin/services/:serviceId', page, session, (req, res, next) => {
    deps.catalog.getConnection(String(req.params['serviceId']));
    sendPage('service.html')(req, res, next);
  });

  router.use(BULL_BOARD_PATH, pageHeaders(BULL_BOARD_CSP), session, bullBoard(deps));
  return router;
}
