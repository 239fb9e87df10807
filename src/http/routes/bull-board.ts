import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import type { Catalog } from '../../catalog/catalog';
import type { JobQueues } from '../../queue/job-queues';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * bull-board over every connection's queue. The board is built on its first request because
 * the queues exist only once Redis is ready (before that, the request answers QueueUnavailable
 * and the next one tries again).
 */
export function bullBoard(deps: { queues: JobQueues; catalog: Catalog }): RequestHandler {
  let board: RequestHandler | undefined;
  return (req, res, next) => {
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
    return new BullMQAdapter(queue, { displayName: c.id, description: c.name });
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
