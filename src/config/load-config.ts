import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ConnectorDefinition } from '../connector-kit/connector-definition';
import { deepFreeze } from '../util/deep-freeze';
import { z } from 'zod';
import { ConfigError, ProductionSecretsError, type RefusalAuditTarget } from './config-error';
import { interpolateEnv, newEnvTrace } from './interpolate-env';
import { describeRefusal, findSecretRefusals, isProduction, shippedDefaults, type InterpolatedFile } from './production-check';
import type { ConfigFile } from './secret-settings';
import { catalogSchema, consumersSchema, gatewaySettingsSchema, redisSchema, type ConnectionConfig, type GatewayConfig } from './schema';

export const DEFAULT_CONFIG_DIR = path.resolve(__dirname, '../../config');

export { ConfigError, ProductionSecretsError } from './config-error';

export interface LoadConfigOptions {
  dir?: string;
  env?: NodeJS.ProcessEnv;
  connectors: ReadonlyMap<string, ConnectorDefinition>;
}

function readYaml(file: string, problems: string[]): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${path.basename(file)}: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, problems: string[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return undefined;
}

/**
 * Reads `catalog.yaml`, `consumers.yaml` and `gateway.yaml`, fills `${ENV}` references,
 * validates them against the schemas and against the connector code, and returns one
 * frozen config, or throws a ConfigError listing every problem at once. With
 * `NODE_ENV=production` it also refuses shipped development secrets and short keys
 * (ProductionSecretsError, see `production-check.ts`).
 */
export function loadConfig(options: LoadConfigOptions): GatewayConfig {
  const dir = options.dir ?? DEFAULT_CONFIG_DIR;
  const env = options.env ?? process.env;
  const problems: string[] = [];
  const interpolated: InterpolatedFile[] = [];
  const load = <T>(file: ConfigFile, schema: z.ZodType<T>): T | undefined => {
    const raw = readYaml(path.join(dir, file), problems);
    if (raw === undefined) return undefined;
    const trace = newEnvTrace();
    const tree = interpolateEnv(raw, env, problems, file, trace);
    interpolated.push({ file, tree, trace });
    return validate(schema, tree, file, problems);
  };
  const catalog = load('catalog.yaml', catalogSchema);
  const consumers = load('consumers.yaml', consumersSchema);
  const settings = load('gateway.yaml', gatewaySettingsSchema);

  const connections: ConnectionConfig[] = (catalog?.connections ?? []).map((c) => ({
    ...c,
    timeoutMs: c.timeoutMs ?? catalog!.defaults.timeoutMs,
    concurrency: c.concurrency ?? catalog!.defaults.concurrency,
    breaker: { ...catalog!.defaults.breaker, ...c.breaker },
    retry: { ...catalog!.defaults.retry, ...c.retry },
    bulkhead: { ...catalog!.defaults.bulkhead, ...c.bulkhead },
  }));
  if (catalog) checkCatalog(connections, options.connectors, problems);
  if (catalog && consumers) checkConsumers(consumers.consumers, new Set(connections.map((c) => c.id)), problems);

  if (isProduction(env)) refuseDevelopmentSecrets(interpolated, problems);
  if (problems.length > 0 || !catalog || !consumers || !settings) throw new ConfigError(problems);
  return deepFreeze({ settings, connections, consumers: consumers.consumers });
}

const auditTargetSchema = z.object({
  redis: redisSchema,
  audit: z.object({
    keys: z.array(z.object({ id: z.string(), key: z.string().min(32) })).min(1),
    retentionDays: z.coerce.number().int().positive(),
  }),
});

/** Production mode: every secret holding a shipped dev value or too short, with the other problems, in one refusal. */
function refuseDevelopmentSecrets(files: readonly InterpolatedFile[], problems: readonly string[]): void {
  const devValues = shippedDefaults(DEFAULT_CONFIG_DIR);
  for (const f of files) for (const v of f.trace.shippedDefaults) devValues.add(v);
  const refusals = findSecretRefusals(files, devValues);
  if (refusals.length === 0) return;
  // A refusal is audited only under a trusted audit key: a record MAC'd with a dev key would be forgeable.
  const auditKeyRefused = refusals.some((r) => r.file === 'gateway.yaml' && r.path.startsWith('audit.'));
  const audit = auditKeyRefused ? undefined : refusalAuditTarget(files.find((f) => f.file === 'gateway.yaml')?.tree);
  throw new ProductionSecretsError(
    [...problems, ...refusals.map(describeRefusal)],
    refusals.map((r) => `${r.file}: ${r.path}`),
    audit,
  );
}

/** The audit trail's Redis and key ring from the (unvalidated) gateway.yaml tree, if they have the right shape. */
function refusalAuditTarget(tree: unknown): RefusalAuditTarget | undefined {
  const parsed = auditTargetSchema.safeParse(tree);
  if (!parsed.success) return undefined;
  const { redis, audit } = parsed.data;
  return { redis, keyPrefix: redis.keyPrefix, keys: audit.keys, retentionDays: audit.retentionDays };
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

/** The catalog must match the connector code: same connections, same operations, valid examples. */
function checkCatalog(connections: ConnectionConfig[], connectors: ReadonlyMap<string, ConnectorDefinition>, problems: string[]): void {
  for (const id of duplicates(connections.map((c) => c.id))) problems.push(`catalog.yaml: connection ${id} is listed twice`);
  const listedIds = new Set(connections.map((c) => c.id));
  for (const id of connectors.keys())
    if (!listedIds.has(id)) problems.push(`catalog.yaml: connection ${id} is missing (its connector is registered)`);
  connections.forEach((conn, i) => {
    const where = `catalog.yaml: connections.${i} (${conn.id})`;
    const connector = connectors.get(conn.id);
    if (!connector) {
      problems.push(`${where}: no connector is registered for this id`);
      return;
    }
    if (connector.protocol !== conn.protocol)
      problems.push(`${where}: protocol is ${conn.protocol} but the connector speaks ${connector.protocol}`);
    if (connector.options) {
      const parsed = connector.options.safeParse(conn.options);
      if (!parsed.success)
        for (const issue of parsed.error.issues) problems.push(`${where}: options.${issue.path.join('.')}: ${issue.message}`);
    }
    for (const id of duplicates(conn.operations.map((o) => o.id))) problems.push(`${where}: operation ${id} is listed twice`);
    const listed = new Set(conn.operations.map((o) => o.id));
    for (const opId of Object.keys(connector.operations)) {
      if (!listed.has(opId)) problems.push(`${where}: operation ${opId} of the connector is missing`);
    }
    conn.operations.forEach((op, j) => {
      const definition = connector.operations[op.id];
      if (!definition) {
        problems.push(`${where}: operations.${j}: the connector has no operation ${op.id}`);
        return;
      }
      const parsed = definition.input.safeParse(op.example);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push(`${where}: operations.${j} (${op.id}): example.${issue.path.join('.')}: ${issue.message}`);
      }
    });
  });
}

function checkConsumers(consumers: ReadonlyArray<{ id: string; services: string[] }>, serviceIds: Set<string>, problems: string[]): void {
  for (const id of duplicates(consumers.map((c) => c.id))) problems.push(`consumers.yaml: consumer ${id} is listed twice`);
  consumers.forEach((c, i) => {
    c.services.forEach((s, j) => {
      if (!serviceIds.has(s)) problems.push(`consumers.yaml: consumers.${i} (${c.id}): services.${j}: unknown service ${s}`);
    });
  });
}
