import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import type { Catalog } from '../../catalog/catalog';
import { GatewayError } from '../../errors/gateway-error';
import type { JobQueues } from '../../queue/job-queues';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * bull-board over every connection's queue, read-only: a change made there would bypass the
 * replay's bookkeeping and the audit trail, so the actions operators need are in the audited
 * admin API. bull-board's own `readOnlyMode` hides its buttons and refuses its actions; the
 * gateway refuses every request that is not a read before bull-board sees it, whatever a
 * future bull-board adds. The board is built on its first request because
 * the queues exist only once Redis is ready (before that, the request answers QueueUnavailable
 * and the next one tries again).
 */
export function bullBoard(deps: { queues: JobQueues; catalog: Catalog }): RequestHandler {
  let board: RequestHandler | undefined;
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new GatewayError(
        'Client.AccessDenied',
        'The queue board is read-only: replay dead letters with POST /admin/api/services/{serviceId}/dead-letters/replay',
      );
    }
    board ??= buildBoard(deps);
    // bull-board is an Express app of its own: when it passes a request on, give the request
    // back the outer app's prototypes, as Express does for an app mounted with app.use.
    const reqProto = Object.getPrototypeOf(req) as object;
    const resProto = Object.getPrototypeOf(res) as object;
    board(req, res, (err?: unknown) => {
      Object.setPrototypeOf(req, reqProto);
      Object.setPrototypeOf(res, resProto);
      next(err);
    });
  };
}

function buildBoard({ queues, catalog }: { queues: JobQueues; catalog: Catalog }): RequestHandler {
  const adapters = catalog.listConnections().map((c) => {
    const queue = queues.queue(c.id);
    if (!queue) throw new Error(`no queue for ${c.id}`);
    return new BullMQAdapter(queue, { displayName: c.id, description: c.name, readOnlyMode: true });
  });
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: adapters,
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'LGSP — Hàng đợi / Queues',
        hideDocsLink: true,
        miscLinks: [{ text: 'Bảng điều khiển / Dashboard', url: '/admin' }],
      },
    },
  });
  const app = serverAdapter.getRouter() as RequestHandler & { disable(setting: string): unknown };
  app.disable('x-powered-by');
  return app;
}
