import type { Store } from '../store/store.ts';
import { type AuditLog, createAuditLog } from './audit-log.ts';

/**
 * The audit log kept in the store's `guard_audit` table, shared by every guard that opens the same store.
 * @example
 * const guard = createGuard({ policy: loadPolicy(), tier: 'strict', audit: storeAuditLog(openStore(path)) });
 */
export function storeAuditLog(store: Store): AuditLog {
  return createAuditLog(store.guardAudit());
}
