import { TokenService } from '../../src/auth/token-service';
import { isGatewayError } from '../../src/errors/gateway-error';

const KEY = 'a-test-signing-key-of-at-least-32-characters';

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return isGatewayError(err) ? `${err.type}: ${err.message}` : String(err);
  }
  return 'no error';
}

test('a token verifies to its principal, again and again, until it expires', () => {
  let now = 1_000_000_000_000;
  const tokens = new TokenService(KEY, 60, () => now);
  const { token } = tokens.issue({ id: 'mot-cua', role: 'consumer' });
  expect(tokens.verify(token)).toEqual({ id: 'mot-cua', role: 'consumer' });
  now += 59_000;
  expect(tokens.verify(token)).toEqual({ id: 'mot-cua', role: 'consumer' });
  now += 1_000;
  expect(failure(() => tokens.verify(token))).toBe('Client.Unauthorized: The access token has expired');
  expect(failure(() => tokens.verify(token))).toBe('Client.Unauthorized: The access token has expired');
});

test('a verified token does not vouch for a tampered copy or one signed with another key', () => {
  const tokens = new TokenService(KEY, 60);
  const { token } = tokens.issue({ id: 'mot-cua', role: 'consumer' });
  tokens.verify(token);
  const [v, body, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
  const forgedBody = Buffer.from(JSON.stringify({ ...claims, role: 'operator' })).toString('base64url');
  expect(failure(() => tokens.verify(`${v}.${forgedBody}.${sig}`))).toBe('Client.Unauthorized: The access token is not valid');
  const other = new TokenService('another-signing-key-of-at-least-32-chars', 60);
  expect(failure(() => other.verify(token))).toBe('Client.Unauthorized: The access token is not valid');
  expect(failure(() => tokens.verify('v1.abc'))).toBe('Client.Unauthorized: The access token is malformed');
});

test('past its size the cache forgets the oldest tokens, which still verify by signature', () => {
  const tokens = new TokenService(KEY, 60);
  const issued = Array.from({ length: 10_050 }, (_, i) => tokens.issue({ id: `c${i}`, role: 'consumer' }).token);
  for (const t of issued) tokens.verify(t);
  expect(tokens.verify(issued[0]!)).toEqual({ id: 'c0', role: 'consumer' });
  expect(tokens.verify(issued[10_049]!)).toEqual({ id: 'c10049', role: 'consumer' });
});
