import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AuditSink } from '../../audit/audit-event';
import { MalformedCredentialsError, parseBasicCredentials, type ClientCredentials } from '../../auth/basic-credentials';
import type { ConsumerRegistry } from '../../auth/consumer-registry';
import type { Principal, TokenService } from '../../auth/token-service';
import { unthrottled, type CredentialChecker, type CredentialOutcome } from '../../limits/login-throttle';

/**
 * An RFC 6749 §5.2 error: the only kind of failure `/token` answers with. A throttled client gets
 * 429 `slow_down` (the token-endpoint code of RFC 8628 §3.5: "slow down, try later"), a process at
 * its cap on secret checks 503 `temporarily_unavailable`; both with `Retry-After`.
 */
class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 429 | 503,
    readonly code:
      'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope' | 'slow_down' | 'temporarily_unavailable',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const invalidRequest = (message: string): OAuthError => new OAuthError(400, 'invalid_request', message);

/** The largest `/token` body: a client-credentials form is a few hundred bytes; this leaves room for long ids and secrets. */
export const TOKEN_BODY_LIMIT_BYTES = 8 * 1024;

/** A form parameter given once; a repeated one arrives as an array and is refused (RFC 6749 §3.2). */
function single(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`The ${name} parameter must be given once`);
  return value;
}

/** Client credentials from Basic auth, or from the form as RFC 6749 §2.3.1 allows; never both. */
function credentials(req: Request, body: Record<string, unknown>): ClientCredentials | null {
  let basic: ClientCredentials | null;
  try {
    basic = parseBasicCredentials(req.get('authorization'));
  } catch (err) {
    if (err instanceof MalformedCredentialsError) throw new OAuthError(401, 'invalid_client', err.message);
    throw err;
  }
  const id = single(body, 'client_id');
  const secret = single(body, 'client_secret');
  if (basic && (id !== undefined || secret !== undefined))
    throw invalidRequest('Use one way to authenticate the client: Basic or the form, not both');
  if (basic) return basic;
  return id !== undefined && secret !== undefined ? { id, secret } : null;
}

const SCOPE_OF: Readonly<Record<Principal['role'], string>> = { consumer: 'services', operator: 'operator' };

function checkScope(requested: string | undefined, principal: Principal): void {
  if (requested === undefined) return;
  const granted = SCOPE_OF[principal.role];
  if (requested.split(' ').some((s) => s !== '' && s !== granted))
    throw new OAuthError(400, 'invalid_scope', `This client may only ask for scope '${granted}'`);
}

function sendOAuthError(res: Response, err: OAuthError): void {
  if (err.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="lgsp"');
  if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  res.status(err.status).setHeader('Cache-Control', 'no-store').json({ error: err.code, error_description: err.message });
}

/** A body the form parser could not read is still answered in RFC 6749's shape. */
function oauthErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  if (err instanceof OAuthError) return sendOAuthError(res, err);
  const type = (err as { type?: unknown } | null)?.type;
  if (typeof type === 'string') return sendOAuthError(res, invalidRequest('The request body could not be read as a form'));
  next(err);
}

/** The throttle's refusals in RFC 6749's shape, explained. */
function refusal(outcome: Exclude<CredentialOutcome, { kind: 'accepted' }>): OAuthError {
  switch (outcome.kind) {
    case 'throttled': {
      const who = outcome.scope === 'client' ? 'this client id' : 'this address';
      return new OAuthError(
        429,
        'slow_down',
        `Too many failed authentications for ${who}; try again in ${outcome.retryAfterSeconds} s`,
        outcome.retryAfterSeconds,
      );
    }
    case 'busy':
      return new OAuthError(
        503,
        'temporarily_unavailable',
        `Too many client secret checks are running on this gateway; try again in ${outcome.retryAfterSeconds} s`,
        outcome.retryAfterSeconds,
      );
    case 'wrong':
      return new OAuthError(401, 'invalid_client', 'Unknown client or wrong secret');
  }
}

const REFUSAL_REASON = { wrong: 'wrong credentials', throttled: 'throttled', busy: 'secret checks busy' } as const;

/**
 * `POST /token`: OAuth2 client credentials, answered as RFC 6749 §5.1/§5.2. `checker` is the
 * login throttle in the composed gateway; without one, the registry alone checks secrets.
 */
export function tokenRoute(
  consumers: ConsumerRegistry,
  tokens: TokenService,
  audit: AuditSink,
  checker: CredentialChecker = unthrottled(consumers),
): Router {
  const router = Router();
  const handle = async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grant = single(body, 'grant_type');
    if (grant === undefined) throw invalidRequest('The grant_type parameter is missing');
    if (grant !== 'client_credentials')
      throw new OAuthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    const given = credentials(req, body);
    if (!given) {
      audit.record({ action: 'token.refused', actor: null, source: req.ip ?? null, detail: { reason: 'no credentials' } });
      throw new OAuthError(401, 'invalid_client', 'Client authentication is required');
    }
    const outcome = await checker.check({ id: given.id, secret: given.secret, source: req.ip ?? null, endpoint: 'token' });
    if (outcome.kind !== 'accepted') {
      const detail =
        outcome.kind === 'throttled'
          ? { reason: REFUSAL_REASON.throttled, scope: outcome.scope, retryAfterSeconds: outcome.retryAfterSeconds }
          : { reason: REFUSAL_REASON[outcome.kind] };
      audit.record({ action: 'token.refused', actor: given.id.slice(0, 100), source: req.ip ?? null, detail });
      throw refusal(outcome);
    }
    const { principal } = outcome;
    checkScope(single(body, 'scope'), principal);
    const { token, expiresIn, claims } = tokens.issue(principal);
    audit.record({
      action: 'token.issued',
      actor: principal.id,
      source: req.ip ?? null,
      detail: { jti: claims.jti, kid: tokens.activeKeyId },
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: SCOPE_OF[principal.role] });
  };
  router.post('/token', express.urlencoded({ extended: false, limit: TOKEN_BODY_LIMIT_BYTES }), handle, oauthErrors);
  return router;
}

/**
 * Refuses at once a `/token` request announcing a body over TOKEN_BODY_LIMIT_BYTES, mounted before
 * the gateway-wide length check, which would answer in the gateway's error shape. RFC 6749 §5.2
 * has no code for a body too large (and 413 is not one of its statuses): an over-long form is a
 * malformed request, so `invalid_request` with 400, like a body that arrives without a length.
 */
export function tokenBodyLimit(): Router {
  const router = Router();
  router.post('/token', (req: Request, res: Response, next: NextFunction): void => {
    const declared = Number(req.get('content-length') ?? 0);
    if (declared <= TOKEN_BODY_LIMIT_BYTES) return next();
    // The unread body is not worth draining: the connection ends with the answer.
    res.setHeader('Connection', 'close');
    sendOAuthError(res, invalidRequest(`The request body (${declared} bytes announced) is larger than ${TOKEN_BODY_LIMIT_BYTES} bytes`));
  });
  return router;
}
