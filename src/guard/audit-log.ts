import { type AuditRecord, auditRecordSchema } from '../spec/policy.ts';
import { canonicalJson, sha256, withSortedKeys } from './canonical-json.ts';

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit record before it is chained: everything but its index and hashes. */
export type AuditEntry = Omit<AuditRecord, 'index' | 'previousHash' | 'hash'>;

/** The head of a chain: how many records it holds and the last record's hash. */
export interface AuditHead {
  readonly count: number;
  readonly hash: string;
}

/**
 * Where chained records live. `append` must be atomic: it reads the head, builds the record and writes
 * record and head together, so two writers cannot fork the chain.
 */
export interface AuditSink {
  append(build: (head: AuditHead) => AuditRecord): AuditRecord;
  /** Every stored record in index order, as stored (possibly tampered with). */
  read(): Iterable<{
    readonly index: number;
    readonly json: string;
    readonly columns?: Record<string, unknown>;
  }>;
  /** The stored head, or undefined when none was ever written. */
  head(): AuditHead | undefined;
  /** Storage that should exist and does not (a dropped table): the records, the head, or both. */
  missing?(): readonly ('records' | 'head')[];
}

/** The outcome of `verify`: ok, or the first record that does not check out and why. */
export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly head: string }
  | { readonly ok: false; readonly count: number; readonly firstBadIndex: number; readonly reason: string };

/** An append-only, hash-chained log of the guard's decisions. */
export interface AuditLog {
  append(entry: AuditEntry): AuditRecord;
  verify(): AuditVerification;
  records(): AuditRecord[];
}

/** The hash of a record: sha256 of the canonical JSON of every field but `hash`. */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { hash: _, ...rest } = record as AuditRecord;
  return sha256(canonicalJson(rest));
}

/** A record's input digest: sha256 of the canonical JSON of the call's `{ name, arguments }`. */
export function inputDigest(call: { readonly name: string; readonly arguments: object }): string {
  // Keys in order up front, so the common case (flat arguments) serializes natively.
  return sha256(canonicalJson({ arguments: withSortedKeys(call.arguments), name: call.name }));
}

/**
 * Chains a record: `hash` is sha256 of the canonical JSON of every other field. The fields come in sorted
 * order with `hash` last, so hashing and storing each serialize the record natively, in one pass.
 */
export function sealRecord(unsealed: Omit<AuditRecord, 'hash'>): AuditRecord {
  const ordered = withSortedKeys(unsealed);
  return { ...ordered, hash: sha256(canonicalJson(ordered)) };
}

/**
 * Creates an audit log over a sink (an in-memory one by default; `storeAuditSink` keeps it in the store).
 * @example
 * const audit = createAuditLog();
 * audit.append(entry);
 * audit.verify(); // { ok: true, count: 1, head: '…' }
 */
export function createAuditLog(sink: AuditSink = memoryAuditSink()): AuditLog {
  return {
    append(entry) {
      return sink.append((head) => sealRecord({ ...entry, index: head.count, previousHash: head.hash }));
    },
    verify: () => verifyChain(sink),
    records: () => [...sink.read()].map((row) => auditRecordSchema.parse(JSON.parse(row.json))),
  };
}

/**
 * Walks the chain: each record must be stored exactly as it was written (its text the JSON of its value), parse,
 * sit at its index, link to the previous hash, hash to its own `hash` over every field stored (an added field
 * counts), and agree with its indexed columns; the head must name the last record and its hash. Detects an
 * edited, deleted, inserted or reordered record, a truncated tail, an edited or dropped head; not a rewrite of
 * the whole chain and head by someone who can write the store (compare `head` with a copy kept elsewhere).
 */
export function verifyChain(sink: AuditSink): AuditVerification {
  let expectedIndex = 0;
  let previous = GENESIS_HASH;
  const bad = (firstBadIndex: number, reason: string): AuditVerification => ({
    ok: false,
    count: expectedIndex,
    firstBadIndex,
    reason,
  });
  const missing = sink.missing?.() ?? [];
  if (missing.includes('records'))
    return bad(
      0,
      `the records table is missing (dropped)${missing.includes('head') ? ', and the head table' : ''}`,
    );
  for (const row of sink.read()) {
    if (row.index !== expectedIndex) {
      return bad(
        expectedIndex,
        row.index > expectedIndex
          ? `record ${expectedIndex} is missing (deleted)`
          : `record ${row.index} is out of order`,
      );
    }
    const problem = checkRecord(row, previous);
    if (typeof problem === 'string') return bad(row.index, `record ${row.index} ${problem}`);
    previous = problem.hash;
    expectedIndex++;
  }
  const last = Math.max(0, expectedIndex - 1);
  if (missing.includes('head')) return bad(last, 'the head table guard_audit_head is missing (dropped)');
  const head = sink.head();
  if (head === undefined) {
    return expectedIndex === 0
      ? { ok: true, count: 0, head: GENESIS_HASH }
      : bad(last, 'the head record is missing');
  }
  if (head.count > expectedIndex)
    return bad(
      expectedIndex,
      `the head names ${head.count} records but ${expectedIndex} remain: records from ${expectedIndex} on were deleted`,
    );
  if (head.count < expectedIndex)
    return bad(head.count, `the head names ${head.count} records but ${expectedIndex} are stored`);
  if (head.hash !== previous)
    return bad(
      last,
      expectedIndex === 0
        ? 'the head names no records but its hash is not the genesis hash'
        : `the head's hash does not match the last record's (record ${last})`,
    );
  return { ok: true, count: expectedIndex, head: previous };
}

/** What is wrong with one stored record (a phrase after "record N"), or its hash when nothing is. */
function checkRecord(
  row: { readonly index: number; readonly json: string; readonly columns?: Record<string, unknown> },
  previous: string,
): string | { hash: string } {
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(row.json) as Record<string, unknown>;
  } catch {
    return 'is not a valid audit record';
  }
  const record = auditRecordSchema.safeParse(stored);
  if (!record.success) return 'is not a valid audit record';
  // The text must be the JSON of its value: no spaces, escapes or repeated keys that a reader might take
  // another way while the parsed value (and so its hash) stays the same.
  if (JSON.stringify(stored) !== row.json)
    return 'was edited: its stored text is not the JSON it was written as';
  if (record.data.index !== row.index) return `claims index ${record.data.index}`;
  if (record.data.previousHash !== previous) return 'does not link to the record before it';
  // Hashed as stored, not as parsed: the schema drops unknown fields, and an added one must not go unseen.
  const { hash, ...fields } = stored;
  if (sha256(canonicalJson(fields)) !== hash) return 'was edited: its hash does not match its content';
  for (const [column, value] of Object.entries(row.columns ?? {})) {
    if (stored[column] !== value) return `was edited: column ${column} disagrees with the hashed record`;
  }
  return { hash: record.data.hash };
}

/** An audit sink in memory: for tests, `guard check`, and guards that do not keep a store. */
export function memoryAuditSink(): AuditSink & {
  rows: { index: number; json: string }[];
  headRow: AuditHead | undefined;
} {
  const sink = {
    rows: [] as { index: number; json: string }[],
    headRow: undefined as AuditHead | undefined,
    append(build: (head: AuditHead) => AuditRecord) {
      const record = build(sink.headRow ?? { count: 0, hash: GENESIS_HASH });
      sink.rows.push({ index: record.index, json: JSON.stringify(record) });
      sink.headRow = { count: record.index + 1, hash: record.hash };
      return record;
    },
    read: () => sink.rows,
    head: () => sink.headRow,
  };
  return sink;
}
