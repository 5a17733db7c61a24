import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AuditRecord } from '../spec/policy.ts';

const GENESIS = '0'.repeat(64);
// SQLite's extended result code for a duplicate primary key.
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;

/** The guard's audit table: append-only rows of hash-chained records, and the chain's head. */
export interface GuardAuditTable {
  /** Builds the next record from the head and writes record and head in one transaction. */
  append(build: (head: { count: number; hash: string }) => AuditRecord): AuditRecord;
  /** Every row in index order, with the columns that must agree with the hashed record (all but `idx`). */
  read(): Iterable<{ index: number; json: string; columns: Record<string, unknown> }>;
  head(): { count: number; hash: string } | undefined;
  /** The audit tables that do not exist (dropped: every migrated store has both). */
  missing(): ('records' | 'head')[];
}

/** The audit table of an open database (migration 2 must have run). */
export function guardAuditTable(db: DatabaseSync): GuardAuditTable {
  // Prepared on first use: a dropped table must fail the statement that needs it, not the opening of the log.
  const lazy = (sql: string) => {
    let statement: StatementSync | undefined;
    return () => {
      statement ??= db.prepare(sql);
      return statement;
    };
  };
  const headRow = lazy('SELECT count, hash FROM guard_audit_head WHERE id = 1');
  const insert = lazy(
    'INSERT INTO guard_audit (idx, at, session_id, tool_call_id, decision, record_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const setHead = lazy(
    'INSERT INTO guard_audit_head (id, count, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET count = excluded.count, hash = excluded.hash',
  );
  const all = lazy(
    'SELECT idx, at, session_id, tool_call_id, decision, record_json, prev_hash, hash FROM guard_audit ORDER BY idx',
  );
  const tables = db.prepare(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('guard_audit', 'guard_audit_head')",
  );
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const head = () => {
    const row = headRow().get();
    return row === undefined ? undefined : { count: Number(row.count), hash: String(row.hash) };
  };
  const storedHead = () => head() ?? { count: 0, hash: GENESIS };
  const write = (record: AuditRecord) =>
    insert().run(
      record.index,
      record.at,
      record.sessionId,
      record.toolCallId,
      record.decision,
      JSON.stringify(record),
      record.previousHash,
      record.hash,
    );
  // The head this connection last wrote, so an append need not read it back.
  let written: { count: number; hash: string } | undefined;
  return {
    append(build) {
      begin.run();
      try {
        let record = build(written ?? storedHead());
        try {
          write(record);
        } catch (error) {
          // Another writer appended since: it owns that index, so build on the stored head instead.
          if (
            written === undefined ||
            (error as { errcode?: unknown }).errcode !== SQLITE_CONSTRAINT_PRIMARYKEY
          )
            throw error;
          record = build(storedHead());
          write(record);
        }
        setHead().run(record.index + 1, record.hash);
        commit.run();
        written = { count: record.index + 1, hash: record.hash };
        return record;
      } catch (error) {
        written = undefined;
        if (db.isTransaction) rollback.run();
        throw error;
      }
    },
    *read() {
      for (const row of all().iterate()) {
        yield {
          index: Number(row.idx),
          json: String(row.record_json),
          // Every column that repeats a field of the record: each must agree with the hashed text.
          columns: {
            at: row.at,
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
    missing() {
      const present = new Set(tables.all().map((row) => row.name));
      return [
        ...(present.has('guard_audit') ? [] : (['records'] as const)),
        ...(present.has('guard_audit_head') ? [] : (['head'] as const)),
      ];
    },
  };
}
