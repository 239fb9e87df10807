/** The audit trail's stream, and its head (id and hash of the newest record). */
export const auditStreamKey = (keyPrefix: string): string => `${keyPrefix}:audit`;
export const auditHeadKey = (keyPrefix: string): string => `${keyPrefix}:audit:head`;
/** The audit chain's name inside each MAC. */
export const AUDIT_CHAIN = 'audit';
