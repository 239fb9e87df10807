import { createHash } from 'node:crypto';

/**
 * A document a provider answers as bytes (a receipt PDF), as the protocol adapter hands it to the
 * connector: provincial callers receive JSON, so the bytes travel base64-encoded, with the
 * digest and size a caller checks them against.
 */
export interface BinaryDocument {
  /** The provider's `Content-Type`, without parameters; `application/octet-stream` when it gave none. */
  contentType: string;
  /** From the provider's `Content-Disposition`, null when it named none. */
  fileName: string | null;
  sizeBytes: number;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  contentBase64: string;
}

export function binaryDocument(bytes: Buffer, contentType: string | undefined, disposition: string | undefined): BinaryDocument {
  return {
    contentType: contentType?.split(';')[0]?.trim().toLowerCase() || 'application/octet-stream',
    fileName: dispositionFileName(disposition),
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    contentBase64: bytes.toString('base64'),
  };
}

export function isBinaryDocument(value: unknown): value is BinaryDocument {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v['contentBase64'] === 'string' && typeof v['sha256'] === 'string' && typeof v['sizeBytes'] === 'number';
}

/** `attachment; filename="a.pdf"` or RFC 6266's `filename*=UTF-8''a%20b.pdf` (preferred when both are given). */
export function dispositionFileName(disposition: string | undefined): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(disposition);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  return name ? name : null;
}
