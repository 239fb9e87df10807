import type { AuditSink } from './audit-event';

/** Records nothing: for tests and tools that act without an audit trail. */
export const noAuditSink: AuditSink = { record: () => undefined };
