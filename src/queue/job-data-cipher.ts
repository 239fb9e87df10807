import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { writeJsonInTurns, yieldToLoop } from '../util/json-pieces';

/**
 * BullMQ keeps job data and results in Redis in clear, and a caller's input or a provider's
 * answer may hold personal data (citizen ids, names, phone numbers). Both are sealed with
 * AES-256-GCM and opened only where they are needed (the delivering worker, the owner's
 * status read).
 *
 * A sealed blob is `v2.<keyId>.<iv>.<tag>.<data>`: the key id says which key of the ring opens
 * it, so keys rotate without a cut-over (the first key of the ring seals, every key opens).
 * The associated data binds the blob to its job id, consumer, operation and purpose, so a
 * blob copied into another job (or an input passed off as a result) does not open.
 * `v1.<iv>.<tag>.<data>` blobs (no key id, no binding) were written before key rings: they
 * still open, read-only, so jobs queued before an upgrade are delivered.
 *
 * Large values are sealed into bytes instead (`sealInTurns`): `b2.<keyId>.<iv>.` in ASCII, then
 * the ciphertext, then the 16-byte tag, with the same key ring and binding. They are written,
 * encrypted and decrypted in slices with turns of the event loop between, so a 20 MiB document
 * never holds the loop at once, and kept as bytes (no base64: a third smaller, no text copy).
 */

/** One key of the ring; `id` is written into every blob it seals. */
export interface JobDataKey {
  id: string;
  /** 32 bytes, base64. */
  key: string;
}

/** What a sealed blob belongs to; the same values must be given to open it. */
export interface SealBinding {
  jobId: string;
  consumer: string;
  operationId: string;
}

/** An input travels from the submitter to the worker; a result from the worker to the owner. */
export type SealPurpose = 'input' | 'result';

/** A blob that cannot be opened: malformed, sealed under a key not in the ring, tampered or moved. */
export class SealedDataError extends Error {
  constructor(
    message: string,
    readonly keyId: string | null,
  ) {
    super(message);
    this.name = 'SealedDataError';
  }
}

/** IVs are cut from a block of CSPRNG bytes: one call for 512 seals instead of one each. */
const IV_BYTES = 12;
const IVS_PER_BLOCK = 512;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BYTES_VERSION = 'b2';
const TAG_BYTES = 16;
const OPEN_SLICE_BYTES = 1024 * 1024;

export class JobDataCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly sealingKeyId: string;
  private ivBlock = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(ring: readonly JobDataKey[]) {
    const first = ring[0];
    if (!first) throw new Error('the job data key ring is empty');
    for (const { id, key } of ring) {
      if (!KEY_ID.test(id)) throw new Error(`job data key id '${id}' may hold letters, digits, _ and - only`);
      if (this.keys.has(id)) throw new Error(`job data key id '${id}' is listed twice`);
      const bytes = Buffer.from(key, 'base64');
      if (bytes.length !== 32) throw new Error(`job data key '${id}' must be 32 bytes`);
      this.keys.set(id, bytes);
    }
    this.sealingKeyId = first.id;
  }

  /** The id of the key that seals: blobs under any other key are due for a re-seal. */
  get currentKeyId(): string {
    return this.sealingKeyId;
  }

  seal(value: unknown, binding: SealBinding, purpose: SealPurpose): string {
    const kid = this.sealingKeyId;
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(kid)!, iv);
    cipher.setAAD(associatedData(kid, binding, purpose));
    const data = Buffer.concat([cipher.update(JSON.stringify(value ?? null), 'utf8'), cipher.final()]);
    return `v2.${kid}.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
  }

  /** Seals into bytes (see above), in slices: for values too large to seal in one go. */
  async sealInTurns(value: unknown, binding: SealBinding, purpose: SealPurpose): Promise<Buffer> {
    const kid = this.sealingKeyId;
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(kid)!, iv);
    cipher.setAAD(associatedData(kid, binding, purpose));
    const parts: Buffer[] = [Buffer.from(`${BYTES_VERSION}.${kid}.${iv.toString('base64')}.`, 'latin1')];
    await writeJsonInTurns(value ?? null, 'plain', (chunk) => parts.push(cipher.update(chunk, 'utf8')));
    parts.push(cipher.final(), cipher.getAuthTag());
    return Buffer.concat(parts);
  }

  /** Opens what `sealInTurns` sealed, decrypting a slice per turn of the event loop. */
  async openInTurns(sealed: Buffer, binding: SealBinding, purpose: SealPurpose): Promise<unknown> {
    const header = /^b2\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9+/=]{16})\./.exec(sealed.subarray(0, 64).toString('latin1'));
    if (!header || sealed.length < header[0].length + TAG_BYTES) throw new SealedDataError('sealed job data is malformed', null);
    const [head, kid = '', iv = ''] = header;
    const key = this.keys.get(kid);
    if (!key) throw new SealedDataError(`sealed job data is under key '${kid}', which is not in the ring`, kid);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(kid, binding, purpose));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const data = sealed.subarray(head.length, sealed.length - TAG_BYTES);
    const parts: Buffer[] = [];
    try {
      for (let at = 0; at < data.length; at += OPEN_SLICE_BYTES) {
        if (at > 0) await yieldToLoop();
        parts.push(decipher.update(data.subarray(at, at + OPEN_SLICE_BYTES)));
      }
      parts.push(decipher.final());
    } catch {
      throw new SealedDataError(`sealed job data does not open under key '${kid}': tampered, or moved from another job`, kid);
    }
    await yieldToLoop();
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  }

  /** The key id a byte blob was sealed under, or null if it is not one. */
  keyIdOfBytes(sealed: Buffer): string | null {
    return /^b2\.([A-Za-z0-9_-]{1,32})\./.exec(sealed.subarray(0, 40).toString('latin1'))?.[1] ?? null;
  }

  open(sealed: string, binding: SealBinding, purpose: SealPurpose): unknown {
    const parts = sealed.split('.');
    if (parts[0] === 'v2' && parts.length === 5) return this.openV2(parts as [string, string, string, string, string], binding, purpose);
    if (parts[0] === 'v1' && parts.length === 4 && purpose === 'input') return this.openV1(parts as [string, string, string, string]);
    throw new SealedDataError('sealed job data is malformed', null);
  }

  /** The key id a blob was sealed under; null for a v1 blob (which has none) or a malformed one. */
  keyIdOf(sealed: string): string | null {
    const parts = sealed.split('.');
    return parts[0] === 'v2' && parts.length === 5 ? (parts[1] ?? null) : null;
  }

  /** Sealed under the key that seals now: nothing to re-seal. */
  isCurrent(sealed: string): boolean {
    return this.keyIdOf(sealed) === this.sealingKeyId;
  }

  /** Opens with whichever key sealed it and seals under the current key, for the same binding. */
  reseal(sealed: string, binding: SealBinding, purpose: SealPurpose): string {
    return this.seal(this.open(sealed, binding, purpose), binding, purpose);
  }

  private openV2([, kid, iv, tag, data]: [string, string, string, string, string], binding: SealBinding, purpose: SealPurpose): unknown {
    const key = this.keys.get(kid);
    if (!key) throw new SealedDataError(`sealed job data is under key '${kid}', which is not in the ring`, kid);
    try {
      return decrypt(key, iv, tag, data, associatedData(kid, binding, purpose));
    } catch {
      throw new SealedDataError(`sealed job data does not open under key '${kid}': tampered, or moved from another job`, kid);
    }
  }

  /** Written before key rings, under the only key there was: it is still in the ring, first or not. */
  private openV1([, iv, tag, data]: [string, string, string, string]): unknown {
    for (const key of this.keys.values()) {
      try {
        return decrypt(key, iv, tag, data, null);
      } catch {
        // Not this key; GCM's tag makes trying the others safe.
      }
    }
    throw new SealedDataError('sealed job data (v1) opens under no key of the ring', null);
  }

  /** A fresh random IV; blocks are never reused, so every IV is used once. */
  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivBlock.length) {
      this.ivBlock = randomBytes(IV_BYTES * IVS_PER_BLOCK);
      this.ivOffset = 0;
    }
    const iv = this.ivBlock.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }
}

/** Newline-separated: none of the parts can hold a newline (ids are tokens), so no two bindings collide. */
function associatedData(kid: string, b: SealBinding, purpose: SealPurpose): Buffer {
  return Buffer.from(`lgsp-job-data/v2\n${kid}\n${purpose}\n${b.jobId}\n${b.consumer}\n${b.operationId}`, 'utf8');
}

function decrypt(key: Buffer, iv: string, tag: string, data: string, aad: Buffer | null): unknown {
  // A fixed tag length: GCM would otherwise accept a truncated tag, which is far easier to forge.
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: 16 });
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8'));
}
