import express, { Router } from 'express';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { TokenService } from '../../auth/token-service';
import { ADMIN_COOKIE } from '../authenticate';

/**
 * Operator login for the dashboard: the operator's id and secret (consumer credentials are
 * refused) give an HttpOnly, SameSite=Strict cookie holding an operator token.
 */
export function adminLoginRoute(consumers: ConsumerRegistry, tokens: TokenService): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.post('/admin/login', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body['id'] === 'string' ? body['id'] : '';
    const secret = typeof body['secret'] === 'string' ? body['secret'] : '';
    const principal = id && secret ? await consumers.authenticate(id, secret) : null;
    if (!principal || principal.role !== 'operator') {
      res.redirect(303, '/admin/login?error=1');
      return;
    }
    const { token, expiresIn } = tokens.issue(principal);
    res.cookie(ADMIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/admin', maxAge: expiresIn * 1000, secure: req.secure });
    res.redirect(303, '/admin');
  });

  router.post('/admin/logout', (_req, res) => {
    res.clearCookie(ADMIN_COOKIE, { path: '/admin' });
    res.redirect(303, '/admin/login');
  });
  return router;
}
