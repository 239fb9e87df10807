import type { Protocol } from '../connector-kit/connector-definition';
import { dvcqgAdapter } from './dvcqg-adapter';
import { edxmlAdapter } from './edxml-adapter';
import type { ProtocolAdapter } from './protocol-adapter';
import { restAdapter } from './rest-adapter';
import { soapAdapter } from './soap-adapter';

/** The wire protocols, one adapter each, shared by all connectors. */
export const PROTOCOL_ADAPTERS: Readonly<Record<Protocol, ProtocolAdapter>> = Object.freeze({
  rest: restAdapter,
  soap: soapAdapter,
  dvcqg: dvcqgAdapter,
  edxml: edxmlAdapter,
});
