import type { ConsumerConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import type { Principal } from './token-service';
import { verifySecret } from './secret-hash';

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
    if (!consumer) return null;
    return (await verifySecret(secret, consumer.secretHash)) ? { id: consumer.id, role: consumer.role } : null;
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
