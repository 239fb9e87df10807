/** The audit chain's name inside each MAC. */
export const AUDIT_CHAIN = 'audit';
