import type { AssertionKind } from './assertion-kind';
import { breakerAssertion } from './breaker-assertion';
import { callsAssertion } from './calls-assertion';
import { connectionLogAssertion } from './connection-log-assertion';
import { deadLettersAssertion } from './dead-letters-assertion';
import { jobsAssertion } from './jobs-assertion';
import { journalAssertion } from './journal-assertion';
import { latencyAssertion } from './latency-assertion';
import { ngspTokenAssertion } from './ngsp-token-assertion';

/** The checks `assert` can make, by kind: one module each. */
export const ASSERTION_KINDS: ReadonlyMap<string, AssertionKind> = new Map(
  [
    callsAssertion,
    jobsAssertion,
    journalAssertion,
    connectionLogAssertion,
    breakerAssertion,
    latencyAssertion,
    deadLettersAssertion,
    ngspTokenAssertion,
  ].map((a) => [a.kind, a]),
);
