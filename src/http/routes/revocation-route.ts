import { Router } from 'express';
import type { AuditSink } from '../../audit/audit-event';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenService } from '../../auth/token-service';
import { GatewayError } from '../../errors/gateway-error';
import { authenticate, principalOf } from '../authenticate';

/** What the revocation route needs of the store: one shared, atomic write. */
export interface Revoker {
  revoke(consumerId: string): Promise<number>;
}

const CONSUMER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `POST /admin/api/consumers/{id}/revoke` (operator): every token issued to that consumer or
 * operator until now is refused by every gateway process. An id no longer configured can be
 * revoked too, so its old tokens stay dead if the id is configured again.
 */
export function revocationRoute(deps: {
  tokens: TokenService;
  consumers: ConsumerRegistry;
  revocations: Revoker;
  audit: AuditSink;
}): Router {
  const router = Router();
  router.post('/admin/api/consumers/:consumerId/revoke', authenticate(deps.tokens, 'operator', { allowCookie: true }), async (req, res) => {
    const consumerId = String(req.params['consumerId']);
    if (!CONSUMER_ID.test(consumerId) || consumerId.length > 100)
      throw new GatewayError('Client.BadRequest', 'The consumer id must be a kebab-case id');
    let revokedAt: number;
    try {
      revokedAt = await deps.revocations.revoke(consumerId);
    } catch (err) {
      throw new GatewayError('Server.Gateway.QueueUnavailable', 'The revocation could not be stored: Redis does not answer', {
        cause: err,
        retryAfterSeconds: 5,
      });
    }
    const operator = principalOf(res).id;
    const known = deps.consumers.get(consumerId) !== undefined;
    deps.audit.record({
      action: 'consumer.revoked',
      actor: operator,
      source: req.ip ?? null,
      target: consumerId,
      detail: { revokedAt: new Date(revokedAt).toISOString(), known },
    });
    res.json({ consumer: consumerId, known, revokedAt: new Date(revokedAt).toISOString() });
  });
  return router;
}
