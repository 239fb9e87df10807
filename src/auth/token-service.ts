import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GatewayError } from '../errors/gateway-error';

export interface Principal {
  id: string;
  role: 'consumer' | 'operator';
}

interface Claims extends Principal {
  exp: number;
  jti: string;
}

/**
 * Stateless bearer tokens: `v1.<claims>.<HMAC-SHA256>`. Any gateway process holding the
 * signing key can check one without Redis, so sync calls keep working while Redis is away.
 */
/** Tokens whose signature was checked, kept so a busy caller's token is not re-signed on every call. */
const VERIFIED_CACHE_SIZE = 10_000;

export class TokenService {
  private readonly key: Buffer;
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(
    signingKey: string,
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = Buffer.from(signingKey, 'utf8');
  }

  issue(principal: Principal): { token: string; expiresIn: number } {
    const claims: Claims = { ...principal, exp: Math.floor(this.clock() / 1000) + this.ttlSeconds, jti: randomBytes(9).toString('base64url') };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `v1.${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds };
  }

  verify(token: string): Principal {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs <= this.clock()) {
        this.verified.delete(token);
        throw unauthorized('The access token has expired');
      }
      return known.principal;
    }
    const { principal, expiresAtMs } = this.check(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { principal, expiresAtMs });
    return principal;
  }

  private check(token: string): { principal: Principal; expiresAtMs: number } {
    const [version, body, signature] = token.split('.');
    if (version !== 'v1' || !body || !signature) throw unauthorized('The access token is malformed');
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized('The access token is not valid');
    let claims: Partial<Claims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Claims>;
    } catch {
      throw unauthorized('The access token is malformed');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock()) throw unauthorized('The access token has expired');
    if (typeof claims.id !== 'string' || (claims.role !== 'consumer' && claims.role !== 'operator')) throw unauthorized('The access token is not valid');
    return { principal: { id: claims.id, role: claims.role }, expiresAtMs: claims.exp * 1000 };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function unauthorized(message: string): GatewayError {
  return new GatewayError('Client.Unauthorized', message);
}
