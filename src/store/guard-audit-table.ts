import type { DatabaseSync } from 'node:sqlite';
import type { AuditRecord } from '../spec/policy.ts';
import { transaction } from './transaction.ts';

const GENESIS = '0'.repeat(64);

/** The guard's audit table: append-only rows of hash-chained records, and the chain's head. */
export interface GuardAuditTable {
  /** Builds the next record from the head and writes record and head in one transaction. */
  append(build: (head: { count: number; hash: string }) => AuditRecord): AuditRecord;
  /** Every row in index order, with the columns that must agree with the hashed record. */
  read(): Iterable<{ index: number; json: string; columns: Record<string, unknown> }>;
  head(): { count: number; hash: string } | undefined;
}

/** The audit table of an open database (migration 2 must have run). */
export function guardAuditTable(db: DatabaseSync): GuardAuditTable {
  const headRow = db.prepare('SELECT count, hash FROM guard_audit_head WHERE id = 1');
  const insert = db.prepare(
    'INSERT INTO guard_audit (idx, at, session_id, tool_call_id, decision, record_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const setHead = db.prepare(
    'INSERT INTO guard_audit_head (id, count, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET count = excluded.count, hash = excluded.hash',
  );
  const all = db.prepare(
    'SELECT idx, session_id, tool_call_id, decision, record_json, prev_hash, hash FROM guard_audit ORDER BY idx',
  );
  const head = () => {
    const row = headRow.get();
    return row === undefined ? undefined : { count: Number(row.count), hash: String(row.hash) };
  };
  return {
    append(build) {
      return transaction(db, () => {
        const record = build(head() ?? { count: 0, hash: GENESIS });
        const json = JSON.stringify(record);
        insert.run(
          record.index,
          record.at,
          record.sessionId,
          record.toolCallId,
          record.decision,
          json,
          record.previousHash,
          record.hash,
        );
        setHead.run(record.index + 1, record.hash);
        return record;
      });
    },
    *read() {
      for (const row of all.iterate()) {
        yield {
          index: Number(row.idx),
          json: String(row.record_json),
          columns: {
            sessionId: row.session_id,
            toolCallId: row.tool_call_id,
            decision: row.decision,
            previousHash: row.prev_hash,
            hash: row.hash,
          },
        };
      }
    },
    head,
  };
}
