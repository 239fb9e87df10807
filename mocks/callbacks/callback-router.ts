import express, { Router } from 'express';
import { clientGone } from '../control/service-runner';
import type { MockRouterDeps } from '../mock-app';
import type { CallbackJournal } from './callback-journal';

/** `PUT /__mock/faults/callbacks` makes the receiver refuse (`down`, `error`) or delay (`slow`) callbacks. */
export const CALLBACK_FAULT_TARGET = 'callbacks';

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Receives the gateway's callbacks to provincial systems and lets tests read them back; only callbacks answered 204 are journaled. */
export function createCallbackRouter(journal: CallbackJournal, deps: MockRouterDeps): Router {
  const router = Router();

  router.post('/callbacks/:consumerId', express.text({ type: () => true, limit: '10mb' }), async (req, res) => {
    const fault = deps.faults.next(CALLBACK_FAULT_TARGET);
    if (fault?.mode === 'down') return void req.socket.destroy();
    if (fault?.mode === 'error') return void res.status(fault.status ?? 503).json({ errorCode: 'UNAVAILABLE', errorMessage: 'Hệ thống tạm thời không nhận thông báo' });
    if (fault?.mode === 'slow' && !(await deps.timers.delay(fault.latencyMs, clientGone(res)))) return;
    journal.record({
      consumerId: req.params.consumerId,
      signature: req.get('x-lgsp-signature') ?? null,
      body: parseBody(req.body),
      receivedAt: new Date().toISOString(),
    });
    res.status(204).end();
  });

  router.get('/__mock/callbacks', (req, res) => {
    const consumerId = typeof req.query.consumerId === 'string' && req.query.consumerId !== '' ? req.query.consumerId : undefined;
    res.json(journal.view(consumerId));
  });

  router.delete('/__mock/callbacks', (_req, res) => {
    journal.clear();
    res.status(204).end();
  });

  return router;
}
