import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * BullMQ keeps job data in Redis in clear, and a caller's input may hold personal data
 * (citizen ids, names, phone numbers). Inputs are sealed with AES-256-GCM before they are
 * queued and opened only by the worker that delivers them.
 */
/** IVs are cut from a block of CSPRNG bytes: one call for 512 seals instead of one each. */
const IV_BYTES = 12;
const IVS_PER_BLOCK = 512;

export class JobDataCipher {
  private readonly key: Buffer;
  private ivBlock = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('job data key must be 32 bytes');
  }

  seal(value: unknown): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${data.toString('base64')}`;
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

  open(sealed: string): unknown {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('sealed job data is malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8'));
  }
}
