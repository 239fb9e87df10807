import { GatewayError } from '../src/errors/gateway-error';

/**
 * A refusal the provider writes inside a 200 answer (`status: 0`, `STATUS: "0"`, an
 * `errorCode`): its own error, kept with its code. Sending the same content again gets the
 * same refusal, so it is not retryable.
 */
export function refusedInAnswer(code: string, message: string): GatewayError {
  return new GatewayError('Server.Provider.Error', `The provider answered [${code}] ${message}`.trim(), {
    providerCode: code,
    retryable: false,
  });
}
