import { createHmac } from 'node:crypto';
import { TokenService, type SigningKey, type TokenServiceOptions } from '../../src/auth/token-service';
import { isGatewayError } from '../../src/errors/gateway-error';

const KEY: SigningKey = { id: 'k1', key: 'a-test-signing-key-of-at-least-32-characters' };
const NEW_KEY: SigningKey = { id: 'k2', key: 'the-next-signing-key-of-at-least-32-chars' };
const BASE = { ttlSeconds: 60, issuer: 'lgsp-test', audience: 'lgsp-test-api' };

function service(options: Partial<TokenServiceOptions> = {}): TokenService {
  return new TokenService({ keys: [KEY], ...BASE, ...options });
}

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return isGatewayError(err) ? `${err.type}: ${err.message}` : String(err);
  }
  return 'no error';
}

/** A token made by hand, signed with a key the verifier knows: what an attacker holding a leaked key, or an old process, could make. */
function handMade(claims: Record<string, unknown>, key: SigningKey = KEY): string {
  const signed = `v2.${key.id}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${createHmac('sha256', key.key).update(signed).digest('base64url')}`;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const validClaims = (): Record<string, unknown> => ({
  sub: 'mot-cua',
  role: 'consumer',
  iss: BASE.issuer,
  aud: BASE.audience,
  iat: nowSeconds(),
  exp: nowSeconds() + 60,
  jti: 'x',
});

test('a token verifies to its principal, again and again, until it expires', () => {
  let now = 1_000_000_000_000;
  const tokens = service({ clock: () => now });
  const { token } = tokens.issue({ id: 'mot-cua', role: 'consumer' });
  expect(tokens.verify(token)).toEqual({ id: 'mot-cua', role: 'consumer' });
  now += 59_000;
  expect(tokens.verify(token)).toEqual({ id: 'mot-cua', role: 'consumer' });
  now += 1_000;
  expect(failure(() => tokens.verify(token))).toBe('Client.Unauthorized: The access token has expired');
  expect(failure(() => tokens.verify(token))).toBe('Client.Unauthorized: The access token has expired');
});

test('a token carries iat, exp = iat + TTL, iss, aud, a jti and the id of the key that signed it', () => {
  const tokens = service({ clock: () => 1_700_000_000_500 });
  const { token, claims } = tokens.issue({ id: 'van-hanh', role: 'operator' });
  expect(claims).toEqual({
    sub: 'van-hanh',
    role: 'operator',
    iss: 'lgsp-test',
    aud: 'lgsp-test-api',
    iat: 1_700_000_000,
    exp: 1_700_000_060,
    jti: expect.any(String),
  });
  expect(token.split('.').slice(0, 2)).toEqual(['v2', 'k1']);
});

test('a correctly signed token with a far-future exp (the year 2286) is refused', () => {
  const tokens = service();
  // The same hand-made token with a lifetime within the TTL passes: only exp makes the difference below.
  expect(tokens.verify(handMade({ ...validClaims(), role: 'operator', sub: 'van-hanh' }))).toEqual({ id: 'van-hanh', role: 'operator' });
  const forged = handMade({ ...validClaims(), role: 'operator', sub: 'van-hanh', exp: 9_999_999_999 });
  expect(failure(() => tokens.verify(forged))).toBe('Client.Unauthorized: The access token is not valid');
  // One second more than the TTL is already too long.
  const slightlyLong = handMade({ ...validClaims(), exp: nowSeconds() + 61 });
  expect(failure(() => tokens.verify(slightlyLong))).toBe('Client.Unauthorized: The access token is not valid');
});

test('a token without iat, issued in the future, or without the standard claims is refused', () => {
  const tokens = service();
  const { iat: _iat, ...noIat } = validClaims();
  expect(failure(() => tokens.verify(handMade(noIat)))).toBe('Client.Unauthorized: The access token is not valid');
  const future = nowSeconds() + 3600;
  expect(failure(() => tokens.verify(handMade({ ...validClaims(), iat: future, exp: future + 60 })))).toBe(
    'Client.Unauthorized: The access token is not valid',
  );
  expect(failure(() => tokens.verify(handMade({ ...validClaims(), role: 'root' })))).toBe(
    'Client.Unauthorized: The access token is not valid',
  );
  expect(failure(() => tokens.verify(handMade({ id: 'van-hanh', role: 'operator', exp: 9_999_999_999 })))).toBe(
    'Client.Unauthorized: The access token was not issued for this gateway',
  );
});

test('a token for another issuer or audience is refused even when signed with our key', () => {
  const tokens = service();
  expect(failure(() => tokens.verify(handMade({ ...validClaims(), iss: 'another-lgsp' })))).toBe(
    'Client.Unauthorized: The access token was not issued for this gateway',
  );
  expect(failure(() => tokens.verify(handMade({ ...validClaims(), aud: 'another-api' })))).toBe(
    'Client.Unauthorized: The access token was not issued for this gateway',
  );
  const otherAudience = service({ audience: 'another-api' });
  expect(failure(() => otherAudience.verify(service().issue({ id: 'mot-cua', role: 'consumer' }).token))).toBe(
    'Client.Unauthorized: The access token was not issued for this gateway',
  );
});

test('rotation: the first key signs, every key of the ring verifies, and a key that left the ring ends its tokens', () => {
  const before = service({ keys: [KEY] });
  const oldToken = before.issue({ id: 'mot-cua', role: 'consumer' }).token;

  const during = service({ keys: [NEW_KEY, KEY] });
  expect(during.activeKeyId).toBe('k2');
  expect(during.verify(oldToken)).toEqual({ id: 'mot-cua', role: 'consumer' });
  const newToken = during.issue({ id: 'mot-cua', role: 'consumer' }).token;
  expect(newToken.split('.')[1]).toBe('k2');
  // A process that does not know k2 yet refuses its tokens: so k2 is first added second to every ring, then moved first.
  expect(failure(() => before.verify(newToken))).toBe('Client.Unauthorized: The access token is not valid');
  const staged = service({ keys: [KEY, NEW_KEY] });
  expect(staged.verify(newToken)).toEqual({ id: 'mot-cua', role: 'consumer' });
  expect(staged.issue({ id: 'mot-cua', role: 'consumer' }).token.split('.')[1]).toBe('k1');
});

test('after rotation, the old key gone, old tokens are refused and new ones pass', () => {
  const oldToken = service({ keys: [KEY] }).issue({ id: 'mot-cua', role: 'consumer' }).token;
  const newToken = service({ keys: [NEW_KEY, KEY] }).issue({ id: 'mot-cua', role: 'consumer' }).token;
  const after = service({ keys: [NEW_KEY] });
  expect(failure(() => after.verify(oldToken))).toBe('Client.Unauthorized: The access token is not valid');
  expect(after.verify(newToken)).toEqual({ id: 'mot-cua', role: 'consumer' });
});

test('a token re-labelled with another key id, tampered or signed with an unknown key is refused', () => {
  const tokens = service({ keys: [NEW_KEY, KEY] });
  const { token } = tokens.issue({ id: 'mot-cua', role: 'consumer' });
  expect(failure(() => tokens.verify(token.replace('.k2.', '.k1.')))).toBe('Client.Unauthorized: The access token is not valid');
  const [v, kid, body, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
  const forgedBody = Buffer.from(JSON.stringify({ ...claims, role: 'operator' })).toString('base64url');
  expect(failure(() => tokens.verify(`${v}.${kid}.${forgedBody}.${sig}`))).toBe('Client.Unauthorized: The access token is not valid');
  expect(failure(() => tokens.verify(handMade(validClaims(), { id: 'k1', key: 'somebody-elses-key-of-at-least-32-chars' })))).toBe(
    'Client.Unauthorized: The access token is not valid',
  );
  expect(failure(() => tokens.verify('v2.abc'))).toBe('Client.Unauthorized: The access token is malformed');
  expect(failure(() => tokens.verify(`v2.k1.${Buffer.from('[1]').toString('base64url')}.x`))).toBe(
    'Client.Unauthorized: The access token is not valid',
  );
});

test('the old v1 token format is refused', () => {
  const body = Buffer.from(JSON.stringify({ id: 'van-hanh', role: 'operator', exp: 9_999_999_999, jti: 'x' })).toString('base64url');
  const v1 = `v1.${body}.${createHmac('sha256', KEY.key).update(body).digest('base64url')}`;
  expect(failure(() => service().verify(v1))).toBe('Client.Unauthorized: The access token is malformed');
});

test('past its size the cache forgets the oldest tokens, which still verify by signature', () => {
  const tokens = service();
  const issued = Array.from({ length: 10_050 }, (_, i) => tokens.issue({ id: `c${i}`, role: 'consumer' }).token);
  for (const t of issued) tokens.verify(t);
  expect(tokens.verify(issued[0]!)).toEqual({ id: 'c0', role: 'consumer' });
  expect(tokens.verify(issued[10_049]!)).toEqual({ id: 'c10049', role: 'consumer' });
});

test('the admission check runs on every call, cached signature or not', () => {
  let admitted = true;
  const tokens = service({
    admission: {
      admit: (c) => {
        if (!admitted) throw new Error('refused');
        return { id: c.sub, role: c.role };
      },
    },
  });
  const { token } = tokens.issue({ id: 'mot-cua', role: 'consumer' });
  expect(tokens.verify(token)).toEqual({ id: 'mot-cua', role: 'consumer' });
  admitted = false;
  expect(failure(() => tokens.verify(token))).toBe('Error: refused');
});
