import { isAxiosError } from 'axios';
import { GatewayError } from '../errors/gateway-error';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Turns what the HTTP client threw (no answer came back) into the contract's types:
 * an abort by our deadline is a timeout, a refused or dropped connection is unreachable.
 */
export function classifyTransportError(err: unknown, target: string): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = isAxiosError(err) ? err.code : (err as { code?: string } | null)?.code;
  const name = (err as { name?: string } | null)?.name;
  if (
    code === 'ERR_CANCELED' ||
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT' ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    name === 'CanceledError'
  ) {
    return new GatewayError('Server.Provider.Timeout', `No answer from ${target} in time`, { cause: err });
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return new GatewayError('Server.Provider.Unreachable', `${target} cannot be reached (${code})`, { cause: err });
  }
  if (code === 'ERR_BAD_RESPONSE' || code === 'ERR_FR_MAX_CONTENT_LENGTH_EXCEEDED' || code === 'HPE_INVALID_CONSTANT') {
    return new GatewayError('Server.Provider.BadResponse', `${target} sent an answer that cannot be read`, { cause: err });
  }
  return new GatewayError('Server.Provider.Unreachable', `${target} cannot be reached`, { cause: err });
}
