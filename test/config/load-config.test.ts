import { CONNECTOR_MAP } from '../../connectors';
import { ConfigError, loadConfig } from '../../src/config/load-config';
import { copyConfig, removeConfigCopy } from '../support/config-copy';

const dirs: string[] = [];

function brokenCopy(edit: (file: string, text: string) => string): string {
  const dir = copyConfig(edit);
  dirs.push(dir);
  return dir;
}

function problemsOf(dir: string, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    loadConfig({ dir, env, connectors: CONNECTOR_MAP });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the broken config was accepted');
}

afterAll(() => {
  for (const dir of dirs) removeConfigCopy(dir);
});

test('the shipped config is valid and frozen', () => {
  const config = loadConfig({ env: {}, connectors: CONNECTOR_MAP });
  expect(config.connections.map((c) => c.id)).toEqual([...CONNECTOR_MAP.keys()]);
  expect(config.consumers.map((c) => c.id).sort()).toEqual(['bao-cao', 'mot-cua', 'qlvb', 'van-hanh']);
  expect(Object.isFrozen(config.connections[0]!.breaker)).toBe(true);
});

test('a broken catalog is refused with every problem listed at once', () => {
  const dir = brokenCopy((file, text) => {
    if (file === 'catalog.yaml') {
      return text
        .replace('id: bhxh', 'id: bao-hiem') // no connector
        .replace('protocol: dvcqg', 'protocol: rest') // wrong protocol
        .replace('maSoDoanhNghiep: "2400123456"', 'maSoDoanhNghiep: 2400123456') // invalid example
        .replace('timeoutMs: 4000', 'timeoutMs: -1'); // bad number
    }
    if (file === 'consumers.yaml') return text.replace('- vneid', '- khong-ton-tai');
    if (file === 'gateway.yaml') return text.replace('agencyCode: 000.00.00.H06', 'agencyCode: H06');
    return text;
  });
  const problems = problemsOf(dir);
  const expected = [/connections\.3\.timeoutMs|timeoutMs/, /province\.agencyCode/];
  for (const pattern of expected) expect(problems.some((p) => pattern.test(p))).toBe(true);
  // Schema problems stop the cross-checks of that file; fix the number and the rest show up together.
  const dir2 = brokenCopy((file, text) =>
    file === 'catalog.yaml'
      ? text
          .replace('id: bhxh', 'id: bao-hiem')
          .replace('protocol: dvcqg', 'protocol: rest')
          .replace('maSoDoanhNghiep: "2400123456"', 'maSoDoanhNghiep: 2400123456')
      : file === 'consumers.yaml'
        ? text.replace('- vneid', '- khong-ton-tai')
        : text,
  );
  const all = problemsOf(dir2);
  expect(all).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/bao-hiem.*no connector/),
      expect.stringMatching(/dvcqg-ho-so.*protocol is rest/),
      expect.stringMatching(/chi-tiet-doanh-nghiep.*example\.maSoDoanhNghiep/),
      expect.stringMatching(/consumers\.yaml.*unknown service khong-ton-tai/),
      expect.stringMatching(/bhxh.*missing/),
    ]),
  );
  expect(all.length).toBeGreaterThanOrEqual(4);
});

test('a variable without value or default is reported by name', () => {
  const dir = brokenCopy((file, text) =>
    file === 'gateway.yaml'
      ? text.replace('${LGSP_TOKEN_SIGNING_KEY:-dev-only-signing-key-replace-in-production-0123456789}', '${LGSP_TOKEN_SIGNING_KEY}')
      : text,
  );
  expect(problemsOf(dir)).toEqual(expect.arrayContaining([expect.stringMatching(/LGSP_TOKEN_SIGNING_KEY is not set/)]));
});

test('unreadable YAML names the file', () => {
  const dir = brokenCopy((file, text) => (file === 'consumers.yaml' ? `${text}\n  - : [unclosed` : text));
  expect(problemsOf(dir).some((p) => p.startsWith('consumers.yaml'))).toBe(true);
});
