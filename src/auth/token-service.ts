import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GatewayError } from '../errors/gateway-error';

export interface Principal {
  id: string;
  role: 'consumer' | 'operator';
}

/** What a verified token says; `sub` is the principal's id. */
export interface TokenClaims {
  sub: string;
  role: Principal['role'];
  iss: string;
  aud: string;
  /** Issue time and expiry, in seconds since the epoch (RFC 7519). */
  iat: number;
  exp: number;
  jti: string;
}

/** One key of the ring: `id` travels in the token so the verifier knows which key to use. */
export interface SigningKey {
  id: string;
  key: string;
}

/**
 * Checks a verified token against state kept outside it: the configured principals and the
 * revocations. Called on every request, so it must answer from memory.
 */
export interface TokenAdmission {
  admit(claims: TokenClaims): Principal;
}

export interface TokenServiceOptions {
  /** The key ring: the first key signs, every key verifies. */
  keys: readonly SigningKey[];
  ttlSeconds: number;
  issuer: string;
  audience: string;
  admission?: TokenAdmission;
  clock?: () => number;
}

const VERSION = 'v2';
/** Tokens whose signature was checked, kept so a busy caller's token is not re-signed on every call. */
const VERIFIED_CACHE_SIZE = 10_000;
/** Clock difference tolerated between the process that issued a token and the one checking it. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Stateless bearer tokens: `v2.<key id>.<claims>.<HMAC-SHA256>`. Any gateway process holding
 * the key ring checks one without Redis, so sync calls keep working while Redis is away; the
 * admission check (principal still configured with that role, not revoked) runs from memory.
 */
export class TokenService {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly signingKeyId: string;
  private readonly clock: () => number;
  private readonly verified = new Map<string, TokenClaims>();

  constructor(private readonly options: TokenServiceOptions) {
    const [first] = options.keys;
    if (!first) throw new Error('the token key ring is empty');
    this.signingKeyId = first.id;
    this.keys = new Map(options.keys.map((k) => [k.id, Buffer.from(k.key, 'utf8')]));
    this.clock = options.clock ?? Date.now;
  }

  /** The id of the key new tokens are signed with. */
  get activeKeyId(): string {
    return this.signingKeyId;
  }

  issue(principal: Principal): { token: string; expiresIn: number; claims: TokenClaims } {
    const iat = Math.floor(this.clock() / 1000);
    const { ttlSeconds, issuer, audience } = this.options;
    const claims: TokenClaims = {
      sub: principal.id,
      role: principal.role,
      iss: issuer,
      aud: audience,
      iat,
      exp: iat + ttlSeconds,
      jti: randomBytes(9).toString('base64url'),
    };
    const signed = `${VERSION}.${this.signingKeyId}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${signed}.${this.sign(this.signingKeyId, signed)}`, expiresIn: ttlSeconds, claims };
  }

  /** The principal of a valid token: signed by a key of the ring, unexpired, and admitted. */
  verify(token: string): Principal {
    return this.verifyWithClaims(token).principal;
  }

  /** As `verify`, with the token's claims (to end that one token at logout). */
  verifyWithClaims(token: string): { principal: Principal; claims: TokenClaims } {
    const claims = this.claimsOf(token);
    if (claims.exp * 1000 <= this.clock()) {
      this.verified.delete(token);
      throw unauthorized('The access token has expired');
    }
    const principal = this.options.admission ? this.options.admission.admit(claims) : { id: claims.sub, role: claims.role };
    return { principal, claims };
  }

  private claimsOf(token: string): TokenClaims {
    const known = this.verified.get(token);
    if (known) return known;
    const claims = this.check(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  private check(token: string): TokenClaims {
    const parts = token.split('.');
    const [version, kid, body, signature] = parts;
    if (parts.length !== 4 || version !== VERSION || !kid || !body || !signature) throw unauthorized('The access token is malformed');
    // A token signed with a key that has left the ring is refused: that is how rotation ends old tokens.
    if (!this.keys.has(kid)) throw unauthorized('The access token is not valid');
    const expected = Buffer.from(this.sign(kid, `${version}.${kid}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized('The access token is not valid');
    return this.checkClaims(parseClaims(body));
  }

  /** Even a correctly signed token is refused when its claims do not fit this gateway's rules. */
  private checkClaims(claims: Partial<TokenClaims>): TokenClaims {
    const { iss, aud, iat, exp, sub, role, jti } = claims;
    if (iss !== this.options.issuer || aud !== this.options.audience)
      throw unauthorized('The access token was not issued for this gateway');
    if (!Number.isInteger(iat) || !Number.isInteger(exp)) throw unauthorized('The access token is not valid');
    const nowSeconds = this.clock() / 1000;
    // A lifetime beyond the configured one means the token was not made by a process with today's rules.
    if (exp! - iat! > this.options.ttlSeconds || exp! <= iat! || iat! > nowSeconds + CLOCK_SKEW_SECONDS)
      throw unauthorized('The access token is not valid');
    if (typeof sub !== 'string' || (role !== 'consumer' && role !== 'operator') || typeof jti !== 'string')
      throw unauthorized('The access token is not valid');
    return { sub, role, iss, aud, iat: iat!, exp: exp!, jti };
  }

  private sign(kid: string, signed: string): string {
    return createHmac('sha256', this.keys.get(kid)!).update(signed).digest('base64url');
  }
}

function parseClaims(body: string): Partial<TokenClaims> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Partial<TokenClaims>;
  } catch {
    throw unauthorized('The access token is malformed');
  }
}

export function unauthorized(message: string): GatewayError {
  return new GatewayError('Client.Unauthorized', message);
}
