import { CONSUMERS } from './gateway-client';
import type { ScenarioContext } from './scenario-context';
import { AssertionFailed } from './scenario-types';

/** One operation a call step sends to, and as whom. */
export interface CallTarget {
  serviceId: string;
  operationId: string;
  mode: 'sync' | 'async';
  example: unknown;
  consumer: string;
}

export interface TargetSelector {
  /** Service ids, or `['*']` for every service in the directory. */
  service: string[];
  /** An operation id; absent or `*` for every operation of the services. */
  operation?: string | undefined;
  /** Only operations of this mode in the directory. */
  operationMode?: 'sync' | 'async' | undefined;
  /** The consumer to call as; by default the first consumer whose directory lists the service. */
  as?: string | undefined;
}

/** Resolves a selector against the live directory, so scenarios follow the catalog. */
export async function resolveTargets(ctx: ScenarioContext, sel: TargetSelector): Promise<CallTarget[]> {
  const all = await ctx.allServices();
  const services = sel.service.includes('*') ? all : await Promise.all(sel.service.map((id) => ctx.service(id)));
  const targets: CallTarget[] = [];
  for (const svc of services) {
    const consumer = sel.as ?? (await consumerFor(ctx, svc.id));
    for (const op of svc.operations) {
      if (sel.operation && sel.operation !== '*' && op.id !== sel.operation) continue;
      if (sel.operationMode && op.mode !== sel.operationMode) continue;
      targets.push({ serviceId: svc.id, operationId: op.id, mode: op.mode, example: op.example, consumer });
    }
    if (sel.operation && sel.operation !== '*' && !svc.operations.some((op) => op.id === sel.operation)) {
      throw new AssertionFailed(
        `the directory has no operation '${sel.operation}' on '${svc.id}' (it has ${svc.operations.map((o) => o.id).join(', ')})`,
      );
    }
  }
  if (targets.length === 0)
    throw new AssertionFailed(
      `no operation matches service ${sel.service.join(', ')}${sel.operationMode ? ` with mode ${sel.operationMode}` : ''}`,
    );
  return targets;
}

async function consumerFor(ctx: ScenarioContext, serviceId: string): Promise<string> {
  for (const consumer of CONSUMERS) {
    if ((await ctx.gateway.directory(consumer)).some((s) => s.id === serviceId)) return consumer;
  }
  throw new AssertionFailed(`no consumer (${CONSUMERS.join(', ')}) may call '${serviceId}'`);
}
