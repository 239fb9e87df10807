/** A consumer's development callback key, as `config/consumers.yaml` ships it. */
export function devCallbackKey(consumerId: string): string {
  return `dev-only-${consumerId}-callback-signing-key-replace-in-production`;
}

/** The environment variable the gateway's config reads a consumer's callback key from. */
export function callbackKeyVariable(consumerId: string): string {
  return `LGSP_CALLBACK_SIGNING_KEY_${consumerId.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The keys the mock consumer holds: the one the gateway's environment gives that consumer,
 * else its development key, so `npm start` and the tests verify without any setting.
 */
export function callbackKeysFromEnv(env: NodeJS.ProcessEnv = process.env): (consumerId: string) => readonly string[] {
  return (consumerId) => [env[callbackKeyVariable(consumerId)] || devCallbackKey(consumerId)];
}
