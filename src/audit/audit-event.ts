/** The administrative acts the audit trail records. */
export type AuditAction =
  | 'login.success'
  | 'login.failure'
  | 'logout'
  | 'token.issued'
  | 'token.refused'
  | 'consumer.revoked'
  | 'dead-letters.replayed'
  | 'key.rotated'
  | 'startup.refused';

/** One administrative act: who did what, from where, to what; never a secret or personal data. */
export interface AuditEvent {
  action: AuditAction;
  /** The principal acting (consumer or operator id), or the id a failed login claimed. */
  actor: string | null;
  /** Source address of the request, when there is one. */
  source?: string | null;
  /** What the act was about (a consumer id, a connection id, a key id). */
  target?: string | null;
  /** Small, non-secret details (job ids replayed, the reason of a refusal). */
  detail?: Readonly<Record<string, unknown>>;
}

/** Where acts are recorded; `record` never throws into the request that acted. */
export interface AuditSink {
  record(event: AuditEvent): void;
}
