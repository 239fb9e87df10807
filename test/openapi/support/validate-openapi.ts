import { spawn } from 'node:child_process';
import path from 'node:path';

export interface OpenApiVerdict {
  valid: boolean;
  /** The OpenAPI version the validator checked against ("3.1"). */
  version: string;
  errors: unknown;
}

/** Runs @seriousme/openapi-schema-validator on a document (in a child process: it is an ES module). */
export function validateOpenApi(document: unknown): Promise<OpenApiVerdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'openapi-validator-cli.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the validator exited with ${code}: ${err}`));
      else resolve(JSON.parse(out) as OpenApiVerdict);
    });
    child.stdin.end(JSON.stringify(document));
  });
}
