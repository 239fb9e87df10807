import axios from 'axios';
import type { RunTarget } from './scenario-runner';

/** `--ngsp` / `--province` default to where `npm start` puts the mocks. */
export function defaultMockUrls(env: NodeJS.ProcessEnv = process.env): { ngspUrl: string; provinceUrl: string } {
  return {
    ngspUrl: `http://127.0.0.1:${env['MOCK_NGSP_PORT'] || 8081}`,
    provinceUrl: `http://127.0.0.1:${env['MOCK_PROVINCE_PORT'] || 8082}`,
  };
}

export interface TargetArgs {
  gateway?: string | undefined;
  ngsp?: string | undefined;
  province?: string | undefined;
}

export const TARGET_OPTIONS = {
  gateway: { type: 'string' },
  ngsp: { type: 'string' },
  province: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The running stack the options name (the gateway URL is required here). */
export function targetOf(args: TargetArgs & { gateway: string }): RunTarget {
  const mocks = defaultMockUrls();
  return {
    gatewayUrl: args.gateway.replace(/\/$/, ''),
    ngspUrl: (args.ngsp ?? mocks.ngspUrl).replace(/\/$/, ''),
    provinceUrl: (args.province ?? mocks.provinceUrl).replace(/\/$/, ''),
  };
}

/** Checks that the gateway and both mocks answer, so a wrong URL fails in one clear line. */
export async function checkReachable(target: RunTarget): Promise<string | undefined> {
  const probes: Array<[string, string]> = [
    ['gateway', `${target.gatewayUrl}/health`],
    ['NGSP mock (--ngsp)', `${target.ngspUrl}/__mock/faults`],
    ['province mock (--province)', `${target.provinceUrl}/__mock/faults`],
  ];
  for (const [what, url] of probes) {
    try {
      const res = await axios.get(url, { timeout: 3000, validateStatus: () => true, proxy: false });
      if (res.status !== 200) return `the ${what} at ${url} answered HTTP ${res.status}`;
    } catch (err) {
      return `the ${what} does not answer at ${url} (${(err as { code?: string }).code ?? (err as Error).message}); is \`npm start\` running?`;
    }
  }
  return undefined;
}
