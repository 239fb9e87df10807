import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Scenario, ScenarioFile, Step } from './scenario-types';
import type { StepKind } from './step-kind';
import { STEP_KINDS } from './step-kinds';
import { parseWith, readTagged, type Problem } from './tagged-parse';
import { formatPath, parseLocatedYaml, type LocatedYaml, type PathKey } from './yaml-locator';

/** Every problem of the scenario files, each as `file:line key: message`. */
export class ScenarioFileError extends Error {
  override readonly name = 'ScenarioFileError';
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length > 1 ? 's' : ''} in the scenario files:\n  ${problems.join('\n  ')}`);
  }
}

export const MAX_SCENARIO_TIMEOUT_MS = 300_000;
const MAX_NESTING = 4;

const fileSchema = z.strictObject({ scenarios: z.array(z.unknown()).min(1) });

const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a scenario name is kebab-case: a-z, 0-9 and -, at most 63'),
  proves: z.string().min(1).max(1000),
  timeoutMs: z.number().int().min(1000).max(MAX_SCENARIO_TIMEOUT_MS).default(120_000),
  steps: z.array(z.unknown()).min(1).max(200),
});

/** Loads a scenario file, or every `*.yaml`/`*.yml` of a folder (sorted), and validates them all. */
export function loadScenarios(target: string): ScenarioFile[] {
  const files = scenarioFiles(target);
  if (files.length === 0) throw new ScenarioFileError([`${target}: no .yaml or .yml scenario files`]);
  const problems: string[] = [];
  const loaded = files.flatMap((file) => {
    const relative = path.relative(process.cwd(), file);
    const result = parseScenarioText(readFileSync(file, 'utf8'), relative && !relative.startsWith('..') ? relative : file);
    problems.push(...result.problems);
    return result.file ? [result.file] : [];
  });
  const seen = new Map<string, string>();
  for (const s of loaded.flatMap((f) => f.scenarios)) {
    const where = `${s.file}:${s.line}`;
    const first = seen.get(s.name);
    if (first) problems.push(`${where} name: scenario '${s.name}' is also defined at ${first}`);
    else seen.set(s.name, where);
  }
  if (problems.length) throw new ScenarioFileError(problems);
  return loaded;
}

export function scenarioFiles(target: string): string[] {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new ScenarioFileError([`${target}: no such file or folder`]);
  if (stat.isFile()) return [path.resolve(target)];
  return readdirSync(target)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.resolve(target, name));
}

/** Parses one file's text; `problems` are formatted `file:line key: message`. */
export function parseScenarioText(text: string, file: string): { file?: ScenarioFile; problems: string[] } {
  const yaml = parseLocatedYaml(text);
  if (yaml.errors.length) return { problems: yaml.errors.map((e) => `${file}:${e.line}: YAML: ${e.message}`) };
  const problems: Problem[] = [];
  const parsed = parseWith(fileSchema, yaml.value ?? {}, [], problems);
  const scenarios: Scenario[] = [];
  parsed?.scenarios.forEach((raw, i) => {
    const at: PathKey[] = ['scenarios', i];
    const meta = parseWith(scenarioSchema, raw, at, problems);
    // Steps are checked even when the scenario's other fields are not, so one run lists every problem.
    const rawSteps = meta?.steps ?? (raw as { steps?: unknown } | null)?.steps;
    const steps = Array.isArray(rawSteps) ? rawSteps.map((st, j) => parseStep(st, [...at, 'steps', j], yaml, problems, 0)) : [];
    if (meta && steps.every((st) => st !== undefined)) {
      scenarios.push({
        name: meta.name,
        proves: meta.proves.trim(),
        timeoutMs: meta.timeoutMs,
        steps: steps as Step[],
        file,
        line: yaml.lineOf(at),
      });
    }
  });
  const formatted = problems.map(
    (p) => `${file}:${yaml.lineOf(p.path, p.key)} ${formatPath(p.key ? [...p.path, p.key] : p.path) || '(file)'}: ${p.message}`,
  );
  return formatted.length ? { problems: formatted } : { file: { file, scenarios }, problems: [] };
}

function parseStep(raw: unknown, at: PathKey[], yaml: LocatedYaml, problems: Problem[], depth: number): Step | undefined {
  const tagged = readTagged<StepKind>(raw, STEP_KINDS, at, 'step', problems);
  if (!tagged) return undefined;
  const optionsPath = [...at, tagged.kind];
  const { entry } = tagged;
  const options = entry.parse
    ? entry.parse(tagged.value ?? {}, optionsPath, problems)
    : parseWith(entry.schema, tagged.value ?? {}, optionsPath, problems);
  if (options === undefined) return undefined;
  const step: Step = { kind: tagged.kind, options, line: yaml.lineOf(at) };
  if (entry.nested) {
    if (depth >= MAX_NESTING) {
      problems.push({ path: optionsPath, message: `steps nest at most ${MAX_NESTING} deep` });
      return undefined;
    }
    const children = (options as unknown[]).map((child, k) => parseStep(child, [...optionsPath, k], yaml, problems, depth + 1));
    if (children.some((c) => c === undefined)) return undefined;
    step.children = children as Step[];
  }
  return step;
}
