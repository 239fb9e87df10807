import { createHash } from 'node:crypto';
import type { ProviderAuthSettings } from '../config/schema';
import type { ProviderAuth } from './provider-auth';

export type C06BasicSettings = ProviderAuthSettings['c06Basic'];

/**
 * The password of C06's Basic scheme: lowercase hex SHA-256 of the endpoint's path, the user,
 * the `Timestamp` header (epoch milliseconds) and the secret, concatenated in that order.
 */
export function c06Signature(path: string, username: string, timestamp: string, secret: string): string {
  return createHash('sha256')
    .update(path + username + timestamp + secret, 'utf8')
    .digest('hex');
}

/**
 * Population database (C06) called directly: no token to fetch, every call is signed on its
 * own, so a refusal (a clock skew, a rotated key) is not helped by signing again at once.
 */
export function c06BasicAuth(settings: C06BasicSettings, now: () => number = Date.now): ProviderAuth {
  return {
    profile: 'c06-basic',
    sign(req) {
      const timestamp = String(now());
      const path = new URL(req.url).pathname;
      const password = c06Signature(path, settings.username, timestamp, settings.secret);
      const basic = Buffer.from(`${settings.username}:${password}`, 'utf8').toString('base64');
      return Promise.resolve({
        headers: {
          ...req.headers,
          Timestamp: timestamp,
          Authorization: `Basic ${basic}`,
          'X-Road-Client': settings.xRoadClient,
          ApiKey: settings.apiKey,
        },
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
    },
    refused: () => false,
  };
}
