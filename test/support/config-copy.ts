import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG_DIR } from '../../src/config/load-config';

const CONFIG_FILES = ['catalog.yaml', 'consumers.yaml', 'gateway.yaml'] as const;
export type ConfigFile = (typeof CONFIG_FILES)[number];

/** A temporary copy of the shipped config with each file's text edited; remove it with removeConfigCopy. */
export function copyConfig(edit: (file: ConfigFile, text: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lgsp-config-'));
  cpSync(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  for (const file of CONFIG_FILES) {
    const full = path.join(dir, file);
    writeFileSync(full, edit(file, readFileSync(full, 'utf8')));
  }
  return dir;
}

export function removeConfigCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Settings tests shorten so that timeouts, breakers and retries play out in seconds. */
export interface FastSettings {
  timeoutMs?: number;
  breaker?: { volumeThreshold?: number; resetTimeoutMs?: number };
  retry?: { attempts?: number; backoffMs?: number; maxBackoffMs?: number };
  /** gateway.yaml's callbacks: the direct attempt's timeout and the queue's backoff. */
  callbacks?: { timeoutMs?: number; backoffMs?: number };
}

/** Applies FastSettings.callbacks to gateway.yaml (its only `timeoutMs` and `backoffMs` keys). */
export function fastGatewaySettings(text: string, s: FastSettings): string {
  let out = text;
  if (s.callbacks?.timeoutMs) out = out.replace(/^(\s+)timeoutMs: \d+/m, `$1timeoutMs: ${s.callbacks.timeoutMs}`);
  if (s.callbacks?.backoffMs) out = out.replace(/^(\s+)backoffMs: \d+/m, `$1backoffMs: ${s.callbacks.backoffMs}`);
  return out;
}

/** Applies FastSettings to the catalog: every connection's timeout, and the defaults' breaker and retry. */
export function fastCatalog(text: string, s: FastSettings): string {
  let out = text;
  if (s.timeoutMs) out = out.replace(/timeoutMs: \d+/g, `timeoutMs: ${s.timeoutMs}`);
  const b = s.breaker ?? {};
  if (b.volumeThreshold) out = out.replace(/volumeThreshold: \d+/, `volumeThreshold: ${b.volumeThreshold}`);
  if (b.resetTimeoutMs) out = out.replace(/resetTimeoutMs: \d+/, `resetTimeoutMs: ${b.resetTimeoutMs}`);
  const r = s.retry ?? {};
  if (r.attempts) out = out.replace(/attempts: \d+/, `attempts: ${r.attempts}`);
  if (r.backoffMs) out = out.replace(/backoffMs: \d+/, `backoffMs: ${r.backoffMs}`);
  if (r.maxBackoffMs) out = out.replace(/maxBackoffMs: \d+/, `maxBackoffMs: ${r.maxBackoffMs}`);
  return out;
}
