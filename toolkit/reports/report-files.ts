import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunReport } from '../scenario-types';
import { junitXml } from './junit-report';

/** `out.xml` → `out.json`: the JSON report lies beside the JUnit one unless given its own path. */
export function jsonPathFor(junitPath: string): string {
  return junitPath.replace(/\.xml$/i, '') + '.json';
}

/** Writes the JUnit XML and the JSON report (the whole RunReport, every step with its detail). */
export function writeReports(report: RunReport, paths: { junit?: string | undefined; json?: string | undefined }): string[] {
  const written: string[] = [];
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
    written.push(file);
  };
  if (paths.junit) write(paths.junit, junitXml(report));
  const json = paths.json ?? (paths.junit ? jsonPathFor(paths.junit) : undefined);
  if (json) write(json, `${JSON.stringify(report, null, 2)}\n`);
  return written;
}
