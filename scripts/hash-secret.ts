import { hashSecret } from '../src/auth/secret-hash';

/** Prints the scrypt hash of a client secret for config/consumers.yaml (`npm run hash-secret -- <secret>`). */
async function main(): Promise<void> {
  const secret = process.argv[2];
  if (!secret) {
    console.error('usage: npm run hash-secret -- <secret>');
    process.exit(2);
  }
  console.log(await hashSecret(secret));
}

void main();
