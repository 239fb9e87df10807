import express, { Router } from 'express';
import { clientGone } from '../control/service-runner';
import type { MockRouterDeps } from '../mock-app';
import { callbackKeysFromEnv } from './callback-keys';
import type { CallbackJournal } from './callback-journal';
import { checkCallbackSignature } from './callback-signature-check';

/** `PUT /__mock/faults/callbacks` makes the receiver refuse (`down`, `error`) or delay (`slow`) callbacks. */
export const CALLBACK_FAULT_TARGET = 'callbacks';

/** The gateway's default `callbacks.signatureToleranceSeconds`. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** How the mock consumers check signatures: their keys, and how old a signature they accept. */
export interface CallbackReceiverOptions {
  readonly keysOf?: (consumerId: string) => readonly string[];
  readonly toleranceSeconds?: number;
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return null;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Receives the gateway's callbacks to provincial systems as a consumer would: the signature is
 * checked on the raw body, a callback that fails it is answered 401. Both kinds are journaled
 * (`verified`), so tests read back what the consumer accepted; callbacks refused by a fault are not.
 */
export function createCallbackRouter(journal: CallbackJournal, deps: MockRouterDeps, options: CallbackReceiverOptions = {}): Router {
  const router = Router();
  const keysOf = options.keysOf ?? callbackKeysFromEnv();
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;

  router.post('/callbacks/:consumerId', express.raw({ type: () => true, limit: '10mb' }), async (req, res) => {
    const fault = deps.faults.next(CALLBACK_FAULT_TARGET);
    if (fault?.mode === 'down') return void req.socket.destroy();
    if (fault?.mode === 'error')
      return void res
        .status(fault.status ?? 503)
        .json({ errorCode: 'UNAVAILABLE', errorMessage: 'Hệ thống tạm thời không nhận thông báo' });
    if (fault?.mode === 'slow' && !(await deps.timers.delay(fault.latencyMs, clientGone(res)))) return;
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('x-lgsp-signature');
    const check = checkCallbackSignature(signature, raw, keysOf(req.params.consumerId), toleranceSeconds);
    journal.record({
      consumerId: req.params.consumerId,
      path: req.originalUrl,
      signature: signature ?? null,
      verified: check.verified,
      ...(check.verified ? {} : { refusal: check.reason }),
      body: parseBody(raw),
      receivedAt: new Date().toISOString(),
    });
    if (!check.verified)
      return void res.status(401).json({ errorCode: 'INVALID_SIGNATURE', errorMessage: `Chữ ký không hợp lệ (${check.reason})` });
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
