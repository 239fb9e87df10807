import express, { Router } from 'express';
import type { CallbackJournal } from './callback-journal';

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Receives the gateway's callbacks to provincial systems and lets tests read them back. */
export function createCallbackRouter(journal: CallbackJournal): Router {
  const router = Router();

  router.post('/callbacks/:consumerId', express.text({ type: () => true, limit: '10mb' }), (req, res) => {
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
