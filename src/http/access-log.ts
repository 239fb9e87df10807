import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { requestIdOf } from './request-id';

/**
 * Times each request once, with one listener: the metrics observe every answered request and
 * the access log gets a line when its level is on (info for an answer, warn for a 5xx or a
 * connection closed before the answer). Nothing is built for a line that is not written, so
 * a gateway logging at warn spends nothing per request on logging.
 */
export function accessLog(logger: Logger, metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const done = (): void => {
      res.removeListener('finish', done);
      res.removeListener('close', done);
      const seconds = (performance.now() - started) / 1000;
      const answered = res.writableFinished;
      if (answered) metrics.observeHttpRequest(req, res, seconds);
      const level = !answered || res.statusCode >= 500 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          requestId: requestIdOf(res),
          req: { method: req.method, url: req.originalUrl.split('?')[0] },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(seconds * 1000),
        },
        answered ? 'request completed' : 'request closed before it was answered',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
