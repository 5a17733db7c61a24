import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SampleStatus } from './types.ts';

/** A sample's outcome, decided as the rate table decides it (kept in `samples.outcome` by migration 2). */
export type SampleOutcome = 'harmful' | 'not_harmful' | 'error' | 'pending';

/** Narrows a run's samples; every field is optional and fields combine with AND. */
export interface SampleFilter {
  readonly model?: string | undefined;
  readonly scenario?: string | undefined;
  readonly condition_id?: string | undefined;
  readonly goal_type?: string | undefined;
  readonly goal_value?: string | undefined;
  readonly urgency?: string | undefined;
  readonly mitigation?: string | undefined;
  readonly status?: SampleStatus | undefined;
  readonly outcome?: SampleOutcome | undefined;
  /**
   * A reasoning tag on a latest verdict (hook: matches strings in the verdict JSON at `$.reasoning.tags`,
   * which the reasoning classifiers will write; until then nothing matches).
   */
  readonly tag?: string | undefined;
}

/** Where a page starts: after or before a cursor from an earlier page, or at the start. */
export interface PageRequest {
  readonly after?: number | undefined;
  readonly before?: number | undefined;
  /** Rows per page, 1–500; default 50. */
  readonly limit?: number | undefined;
}

/** One line of a sample list: no transcript. */
export interface SampleListItem {
  readonly id: string;
  readonly model: string;
  readonly scenario: string;
  readonly condition_id: string;
  readonly goal_type: string;
  readonly goal_value: string;
  readonly urgency: string;
  readonly mitigation: string;
  readonly epoch: number;
  readonly status: SampleStatus;
  readonly outcome: SampleOutcome;
  /** Harms whose latest verdict is harmful. */
  readonly harms: readonly string[];
}

/** A page of samples with keyset cursors (pass `next` as `after`, `previous` as `before`). */
export interface SamplePage {
  readonly items: readonly SampleListItem[];
  readonly next: number | null;
  readonly previous: number | null;
  /** Samples matching the filter in the whole run. */
  readonly total: number;
}

/** The distinct values in a run, for filter menus. */
export interface SampleFacets {
  readonly models: readonly string[];
  readonly scenarios: readonly string[];
  readonly condition_ids: readonly string[];
  readonly goal_types: readonly string[];
  readonly goal_values: readonly string[];
  readonly urgencies: readonly string[];
  readonly mitigations: readonly string[];
}

// The latest version of each harm's verdict for sample s (verdicts' primary key serves both lookups).
const LATEST = `v.sample_id = s.id AND v.version =
  (SELECT MAX(w.version) FROM verdicts w WHERE w.sample_id = s.id AND w.harm = v.harm)`;

/** The reasoning-tag hook: where tags live in a verdict's JSON. */
export const REASONING_TAGS_PATH = '$.reasoning.tags';

const TAG = `EXISTS (SELECT 1 FROM verdicts v, json_each(v.verdict_json, '${REASONING_TAGS_PATH}') t
  WHERE ${LATEST} AND t.value = :tag)`;

// One condition per filter; only the filters given go into the query, so SQLite can use the run's indexes
// (run_id alone, or with model, condition_id, status or outcome). Values are always bound, never interpolated.
const CONDITIONS: Readonly<Record<keyof SampleFilter, string>> = {
  model: 's.model = :model',
  scenario: 's.scenario = :scenario',
  condition_id: 's.condition_id = :condition_id',
  goal_type: 's.goal_type = :goal_type',
  goal_value: 's.goal_value = :goal_value',
  urgency: 's.urgency = :urgency',
  mitigation: 's.mitigation = :mitigation',
  status: 's.status = :status',
  outcome: 's.outcome = :outcome',
  tag: TAG,
};
const FILTER_KEYS = Object.keys(CONDITIONS) as (keyof SampleFilter)[];
/**
 * The index to count through. Without statistics SQLite may pick one that reads many rows in random order;
 * these read only the rows that can match, in the order they are stored (indexes of migrations 1 and 2).
 */
function countIndex(keys: readonly string[]): string {
  if (keys.includes('outcome')) return 'samples_by_run_outcome';
  if (keys.includes('model') || keys.includes('condition_id')) return 'samples_by_run_model';
  if (keys.includes('status')) return 'samples_by_run_status';
  return 'samples_by_run';
}

const COLUMNS = `s.rowid AS cursor, s.id, s.model, s.scenario, s.condition_id, s.goal_type, s.goal_value,
  s.urgency, s.mitigation, s.epoch, s.status, s.outcome,
  (SELECT group_concat(v.harm, ',') FROM verdicts v WHERE ${LATEST} AND v.value = 'harmful') AS harms`;

const FIXED = {
  // One row per model × condition, found in the (run_id, model, condition_id) index without reading rows.
  distinct: `SELECT model, scenario, condition_id, goal_type, goal_value, urgency, mitigation FROM samples
    WHERE rowid IN (SELECT MIN(rowid) FROM samples INDEXED BY samples_by_run_model WHERE run_id = ?
      GROUP BY model, condition_id)`,
  // The LIKE spares parsing the JSON of verdicts that hold no reasoning section.
  tags: `SELECT DISTINCT t.value AS tag FROM samples s JOIN verdicts v ON v.sample_id = s.id,
    json_each(v.verdict_json, '${REASONING_TAGS_PATH}') t
    WHERE s.run_id = ? AND v.verdict_json LIKE '%"reasoning"%' ORDER BY tag`,
} as const;

type Row = Record<string, unknown>;
type Kind = 'forward' | 'backward' | 'count';
const cache = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/** The prepared statement for this kind of query and set of filters, prepared once per connection. */
function statement(
  db: DatabaseSync,
  kind: Kind | keyof typeof FIXED,
  keys: readonly string[] = [],
): StatementSync {
  let prepared = cache.get(db);
  if (prepared === undefined) {
    prepared = new Map();
    cache.set(db, prepared);
  }
  const key = `${kind}:${keys.join(',')}`;
  let st = prepared.get(key);
  if (st === undefined) {
    st = db.prepare(kind in FIXED ? FIXED[kind as keyof typeof FIXED] : pageSql(kind as Kind, keys));
    prepared.set(key, st);
  }
  return st;
}

function pageSql(kind: Kind, keys: readonly string[]): string {
  const where = ['s.run_id = :run_id', ...keys.map((k) => CONDITIONS[k as keyof SampleFilter])].join(' AND ');
  if (kind === 'count')
    return `SELECT COUNT(*) AS total FROM samples s INDEXED BY ${countIndex(keys)} WHERE ${where}`;
  const [op, order] = kind === 'forward' ? ['>', 'ASC'] : ['<', 'DESC'];
  return `SELECT ${COLUMNS} FROM samples s WHERE ${where} AND s.rowid ${op} :cursor ORDER BY s.rowid ${order} LIMIT :limit`;
}

/** A page of a run's samples in scheduling order, filtered, with keyset cursors: fast on any page. */
export function readSamplePage(
  db: DatabaseSync,
  runId: string,
  filter: SampleFilter = {},
  page: PageRequest = {},
): SamplePage {
  const limit = Math.min(500, Math.max(1, Math.trunc(page.limit ?? 50)));
  const keys = FILTER_KEYS.filter((k) => filter[k] !== undefined);
  const params: Record<string, string | number> = { run_id: runId };
  for (const k of keys) params[k] = filter[k] as string;
  const backward = page.before !== undefined;
  const cursor = backward ? page.before : (page.after ?? 0);
  const query = statement(db, backward ? 'backward' : 'forward', keys);
  const rows = query.all({ ...params, cursor: cursor ?? 0, limit: limit + 1 }) as Row[];
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  if (backward) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  const total = Number((statement(db, 'count', keys).get(params) as Row).total);
  const hasBefore = backward ? more : (page.after ?? 0) > 0 && first !== undefined;
  const hasAfter = backward ? last !== undefined : more;
  return {
    items: shown.map(toItem),
    next: hasAfter && last !== undefined ? Number(last.cursor) : null,
    previous: hasBefore && first !== undefined ? Number(first.cursor) : null,
    total,
  };
}

/** The distinct models, conditions and knob values of a run, from an index (no row reads). */
export function readSampleFacets(db: DatabaseSync, runId: string): SampleFacets {
  const rows = statement(db, 'distinct').all(runId) as Row[];
  const values = (key: string) => [...new Set(rows.map((r) => String(r[key])))].sort();
  return {
    models: values('model'),
    scenarios: values('scenario'),
    condition_ids: values('condition_id'),
    goal_types: values('goal_type'),
    goal_values: values('goal_value'),
    urgencies: values('urgency'),
    mitigations: values('mitigation'),
  };
}

/** The reasoning tags on a run's verdicts (the tag hook); reads every verdict of the run. */
export function readReasoningTags(db: DatabaseSync, runId: string): string[] {
  return (statement(db, 'tags').all(runId) as Row[]).map((r) => String(r.tag));
}

function toItem(row: Row): SampleListItem {
  const harms = row.harms == null ? [] : String(row.harms).split(',');
  return {
    id: String(row.id),
    model: String(row.model),
    scenario: String(row.scenario),
    condition_id: String(row.condition_id),
    goal_type: String(row.goal_type),
    goal_value: String(row.goal_value),
    urgency: String(row.urgency),
    mitigation: String(row.mitigation),
    epoch: Number(row.epoch),
    status: String(row.status) as SampleStatus,
    outcome: String(row.outcome) as SampleOutcome,
    harms: [...new Set(harms)].sort(),
  };
}
