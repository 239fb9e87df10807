import type { ConsumerRegistry } from './consumer-registry';
import { unauthorized, type Principal, type TokenAdmission, type TokenClaims } from './token-service';

/** Revocation epochs as the request path sees them: read from memory, never from Redis. */
export interface RevocationView {
  revokedAtMs(consumerId: string): number | undefined;
  /** A single token ended early (a dashboard logout). */
  tokenRevoked(jti: string): boolean;
}

/**
 * Admits a verified token only while its principal is still configured with the same role and
 * its consumer's tokens were not revoked after it was issued. The role comes from the loaded
 * config, not from the token, so removing an operator or changing a role ends access at once.
 */
export class PrincipalAdmission implements TokenAdmission {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly revocations: RevocationView,
  ) {}

  admit(claims: TokenClaims): Principal {
    const current = this.consumers.get(claims.sub);
    if (!current || current.role !== claims.role) throw unauthorized('The access token is no longer valid');
    const revokedAt = this.revocations.revokedAtMs(claims.sub);
    // `iat` is floored to the second, so a token issued before the revocation always counts as before it.
    if ((revokedAt !== undefined && claims.iat * 1000 < revokedAt) || this.revocations.tokenRevoked(claims.jti))
      throw unauthorized('The access token has been revoked');
    return { id: current.id, role: current.role };
  }
}
