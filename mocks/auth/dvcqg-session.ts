import express, { Router } from 'express';
import { z } from 'zod';
import { jsonReply } from '../protocols/replies';
import type { MockAuthCheck } from './mock-auth';
import { TokenStore } from './token-store';

export interface DvcqgCredentials {
  readonly username: string;
  readonly password: string;
}

/** Equal to `providerAuth.dvcqgSession` in the gateway's config/gateway.yaml. */
export const DEV_DVCQG_CREDENTIALS: DvcqgCredentials = { username: 'lgsp-bacgiang', password: 'dvcqg-dev-password' };
export const DVCQG_LOGIN_PATH = '/dvcqg/1.0/auth';
/** Sessions last a working day unless `PUT /__mock/dvcqg-session` says otherwise. */
export const DEFAULT_DVCQG_SESSION_SECONDS = 8 * 3600;

/**
 * The portal's refusals. Public clients show the login's success (`error_code` 0 with a
 * `session`) but neither refusal, so their codes and texts are this mock's choice.
 */
export const DVCQG_LOGIN_REFUSED = { error_code: 1, message: 'Tên đăng nhập hoặc mật khẩu không đúng', session: null } as const;
export const DVCQG_STALE_SESSION = {
  error_code: '03',
  message: 'Session không hợp lệ hoặc đã hết hạn, vui lòng đăng nhập lại',
  result: null,
} as const;

const loginSchema = z.object({ username: z.string(), password: z.string() });
const lifetimeSchema = z.strictObject({ expiresIn: z.number().int().min(1).max(31_536_000) });

function sessionOf(body: unknown): string | null {
  if (typeof body !== 'string') return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    const session = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>)['session'] : undefined;
    return typeof session === 'string' && session !== '' ? session : null;
  } catch {
    return null;
  }
}

/** `dvcqg-session`: the envelope's `session` must be one the login issued and still valid. */
export function requireDvcqgSession(sessions: TokenStore): MockAuthCheck {
  return (req) => {
    const session = sessionOf(req.body);
    return session !== null && sessions.isValid(session) ? null : jsonReply(DVCQG_STALE_SESSION);
  };
}

/** The portal's login (`POST /dvcqg/1.0/auth`) and the session control endpoints for tests. */
export function createDvcqgSessionRouter(sessions: TokenStore, credentials: DvcqgCredentials): Router {
  const router = Router();

  router.post(DVCQG_LOGIN_PATH, express.text({ type: () => true, limit: '16kb' }), (req, res) => {
    let body: unknown;
    try {
      body = JSON.parse(String(req.body));
    } catch {
      body = null;
    }
    const given = loginSchema.safeParse(body);
    if (!given.success || given.data.username !== credentials.username || given.data.password !== credentials.password) {
      return void res.json(DVCQG_LOGIN_REFUSED);
    }
    res.set('Cache-Control', 'no-store').json({ error_code: 0, message: 'Đăng nhập thành công', session: sessions.issue().accessToken });
  });

  router.put('/__mock/dvcqg-session', express.json({ type: () => true }), (req, res) => {
    const parsed = lifetimeSchema.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: 'invalid_session_settings', message: 'Invalid session settings' });
    sessions.setLifetime(parsed.data.expiresIn);
    res.json({ expiresIn: parsed.data.expiresIn });
  });

  router.get('/__mock/dvcqg-session', (_req, res) => {
    res.json(sessions.stats());
  });

  router.delete('/__mock/dvcqg-sessions', (_req, res) => {
    sessions.revokeAll();
    res.status(204).end();
  });

  return router;
}

export function createDvcqgSessionStore(lifetimeSeconds = DEFAULT_DVCQG_SESSION_SECONDS): TokenStore {
  return new TokenStore(lifetimeSeconds);
}
