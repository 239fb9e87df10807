/** Client credentials as sent in `Authorization: Basic` (RFC 6749 §2.3.1, RFC 7617). */
export interface ClientCredentials {
  id: string;
  secret: string;
}

/** Why a Basic header could not be read: the caller's mistake, answered 400/401, never 500. */
export class MalformedCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedCredentialsError';
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function percentDecode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MalformedCredentialsError(`The client ${what} in the Basic credentials is not valid percent-encoding`);
  }
}

/**
 * Decodes `Basic <base64(urlencoded id ":" urlencoded secret)>`. `Buffer.from(…, 'base64')`
 * accepts garbage silently, so the alphabet, padding and UTF-8 are checked first.
 * Returns null when the header is not Basic at all.
 */
export function parseBasicCredentials(header: string | undefined): ClientCredentials | null {
  const match = /^Basic\s+(\S*)$/i.exec(header ?? '');
  if (!match) return null;
  const encoded = match[1] ?? '';
  if (encoded === '' || !BASE64.test(encoded)) throw new MalformedCredentialsError('The Basic credentials are not valid base64');
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    throw new MalformedCredentialsError('The Basic credentials are not valid UTF-8');
  }
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new MalformedCredentialsError('The Basic credentials must be client_id:client_secret');
  return { id: percentDecode(decoded.slice(0, colon), 'id'), secret: percentDecode(decoded.slice(colon + 1), 'secret') };
}
