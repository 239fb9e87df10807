import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { secretSlots } from '../support/production-env';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  profiles?: string[];
  environment?: Record<string, string>;
  env_file?: Array<{ path: string; required?: boolean }>;
  ports?: string[];
}

/** docker-compose.yml as Compose reads it, YAML merge keys (`<<: *app`) applied. */
const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const { gateway, worker, mocks } = compose.services;
const roles: Array<[string, Service | undefined]> = [
  ['gateway', gateway],
  ['worker', worker],
];

test.each(roles)('the %s runs in production mode, its secrets read from deploy/lgsp.env', (_name, service) => {
  expect(service?.environment?.['NODE_ENV']).toBe('production');
  expect(service?.env_file?.map((f) => f.path)).toEqual(['./deploy/lgsp.env']);
});

test('no secret production mode checks is given a value in the compose file', () => {
  const secretVariables = new Set(secretSlots().map((s) => s.variable));
  expect(secretVariables.size).toBeGreaterThanOrEqual(15);
  const given = Object.entries(compose.services).flatMap(([name, s]) =>
    Object.keys(s.environment ?? {})
      .filter((v) => secretVariables.has(v))
      .map((v) => `${name}: ${v}`),
  );
  expect(given).toEqual([]);
});

test('the gateway is published on loopback unless LGSP_PUBLISH says otherwise', () => {
  const published = gateway?.ports ?? [];
  expect(published).toHaveLength(1);
  const [, fallback] = /^\$\{LGSP_PUBLISH:-([^}]+)\}:8080$/.exec(published[0]!) ?? [];
  expect(fallback).toBe('127.0.0.1:8080');
});

test('the mocks, which accept only development credentials, start only with docker-compose.mocks.yml', () => {
  expect(mocks?.profiles).toEqual(['mocks']);
  // `!reset` is a Compose tag the yaml library does not know; its value is all this test needs.
  const rehearsal = parseYaml(read('docker-compose.mocks.yml'), { logLevel: 'error' }) as { services: Record<string, Service> };
  expect(rehearsal.services['gateway']?.environment?.['NODE_ENV']).toBe('development');
  expect(rehearsal.services['worker']?.environment?.['NODE_ENV']).toBe('development');
});

test('the image starts in production mode', () => {
  const stages = read('Dockerfile').split(/^FROM /m);
  expect(stages.at(-1)).toMatch(/^ENV NODE_ENV=production$/m);
});

test('the filled env file is kept out of git and out of the Docker build context; its example is not', () => {
  const ignored = (file: string): boolean => {
    try {
      execFileSync('git', ['check-ignore', '-q', file], { cwd: ROOT });
      return true;
    } catch {
      return false;
    }
  };
  expect(ignored('deploy/lgsp.env')).toBe(true);
  expect(ignored('deploy/lgsp.env.example')).toBe(false);
  expect(read('.dockerignore').split('\n')).toContain('deploy/*.env');
});
