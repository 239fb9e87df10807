import type { CatalogOperation } from '../catalog/catalog';
import type { MapContext, ProviderRequest, Wire } from '../connector-kit/connector-definition';
import { PROTOCOL_ADAPTERS } from '../protocols/adapters';
import type { OutboundRequest } from '../protocols/outbound-message';
import type { AdapterContext, ProtocolAdapter } from '../protocols/protocol-adapter';

/** A request encoded for its wire, with the adapter and context that decode its answer. */
export interface EncodedRequest {
  outbound: OutboundRequest;
  adapter: ProtocolAdapter;
  ctx: AdapterContext;
}

/** Encodes one provider request (the first or a follow-up) for `wire`: the exact request the transport sends. */
export function encodeForWire(
  op: CatalogOperation,
  request: ProviderRequest,
  wire: Wire,
  province: MapContext['province'],
): EncodedRequest {
  const ctx: AdapterContext = { connection: op.connection, connector: op.connector, wire, province, options: op.options };
  const adapter = PROTOCOL_ADAPTERS[wire.protocol];
  return { outbound: adapter.encode(request, ctx), adapter, ctx };
}

/**
 * A call's first round trip: the validated input mapped by the connector, encoded for the
 * operation's wire. The invoker sends exactly this; benches build their baselines from it.
 */
export function encodeForProvider(op: CatalogOperation, input: unknown, ctx: MapContext): EncodedRequest {
  return encodeForWire(op, op.definition.toProvider(input as never, ctx), op.definition.wire, ctx.province);
}
