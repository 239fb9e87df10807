import type { ConnectionConfig } from '../config/schema';
import type { ConnectorDefinition, ProviderRequest, Wire } from '../connector-kit/connector-definition';
import type { OutboundRequest, OutboundResponse } from './http-transport';

export interface AdapterContext {
  connection: ConnectionConfig;
  connector: ConnectorDefinition;
  wire: Wire;
  province: { name: string; agencyCode: string };
  /** Connection options validated by the connector. */
  options: Readonly<Record<string, unknown>>;
}

/**
 * One wire protocol, written once for every connector that speaks it: turns what a
 * connector produced into an HTTP request, and a provider's HTTP answer into plain data or
 * a typed error (the provider's own fault, or an answer that cannot be read).
 */
export interface ProtocolAdapter {
  encode(request: ProviderRequest, ctx: AdapterContext): OutboundRequest;
  decode(response: OutboundResponse, ctx: AdapterContext): Promise<unknown>;
}
