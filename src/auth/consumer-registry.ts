import { randomBytes } from 'node:crypto';
import type { ConsumerConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import type { Principal } from './token-service';
import { verifySecret } from './secret-hash';

/** A hash no secret matches in practice (random salt and key), checked for unknown ids. */
const UNKNOWN_CLIENT_HASH = `scrypt$16384$8$1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;

/** The configured consumers and operators: who they are and what they may call. */
export class ConsumerRegistry {
  private readonly byId: Map<string, ConsumerConfig>;

  constructor(consumers: readonly ConsumerConfig[]) {
    this.byId = new Map(consumers.map((c) => [c.id, c]));
  }

  get(id: string): ConsumerConfig | undefined {
    return this.byId.get(id);
  }

  /** Checks client credentials; the same answer whether the id or the secret is wrong. */
  async authenticate(id: string, secret: string): Promise<Principal | null> {
    const consumer = this.byId.get(id);
    // An unknown id costs the same scrypt work, so timing does not tell which ids exist.
    const ok = await verifySecret(secret, consumer?.secretHash ?? UNKNOWN_CLIENT_HASH);
    return ok && consumer ? { id: consumer.id, role: consumer.role } : null;
  }

  mayCall(principal: Principal, serviceId: string): boolean {
    return this.byId.get(principal.id)?.services.includes(serviceId) ?? false;
  }

  /** Operators see the whole directory; consumers see what they may call. */
  maySee(principal: Principal, serviceId: string): boolean {
    return principal.role === 'operator' || this.mayCall(principal, serviceId);
  }

  assertMayCall(principal: Principal, serviceId: string): void {
    if (!this.mayCall(principal, serviceId)) {
      throw new GatewayError('Client.AccessDenied', `Consumer '${principal.id}' has no access to service '${serviceId}'`);
    }
  }
}
