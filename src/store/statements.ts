import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Still to do: never run, or failed and retried while attempts remain. */
// `:kinds` is a JSON array of error kinds to retry, or NULL for every kind.
const PENDING = `(status = 'pending' OR (:retry = 1 AND status = 'error' AND attempts < :max_attempts
  AND (:kinds IS NULL OR error_kind IN (SELECT value FROM json_each(:kinds)))))`;

// A cost adds to what the sample has cost before (earlier attempts, regrades). An unknown one (NULL) makes the sum
// unknown for good, as does an earlier attempt whose cost is unknown (run before and stored NULL): never a sum that
// leaves part of the spend out. The expressions read the row as it was before the update.
const ADD_COST = `CASE WHEN :cost_usd IS NULL OR (attempts > 0 AND cost_usd IS NULL) THEN NULL
  ELSE COALESCE(cost_usd, 0) + :cost_usd END`;

const SAMPLE_COLUMNS = `id, run_id, model, condition_id, condition_json, epoch, seed, prompt_hash, status, attempts,
  error_kind, error_message, started_at, completed_at, cost_usd`;

const RUN_SUMMARY = `SELECT r.id, r.name, r.created_at, r.updated_at,
  COUNT(s.id) AS samples,
  COUNT(CASE WHEN s.status = 'completed' THEN 1 END) AS completed,
  COUNT(CASE WHEN s.status = 'error' THEN 1 END) AS errors,
  COUNT(CASE WHEN s.status = 'pending' THEN 1 END) AS pending,
  SUM(s.cost_usd) AS cost_usd,
  COUNT(CASE WHEN s.status <> 'pending' AND s.cost_usd IS NULL THEN 1 END) AS cost_unrecorded
FROM runs r LEFT JOIN samples s ON s.run_id = r.id
GROUP BY r.id ORDER BY r.created_at DESC, r.rowid DESC`;

// A sample's outcome from the latest verdict version of each harm: any harmful → harmful;
// otherwise any grader_error, or no verdict at all → error; otherwise not harmful.
// Counts by each sample's outcome column, which triggers keep with the rule "any latest verdict harmful →
// harmful; a latest grader_error or no verdict → error" (schema migration 4), so no verdict is read here.
const RATE_TABLE = `SELECT model, scenario, goal_type, goal_value, urgency, mitigation, scratchpad, eval_notice,
  COUNT(CASE WHEN outcome IN ('harmful', 'not_harmful') THEN 1 END) AS n,
  COUNT(CASE WHEN outcome = 'harmful' THEN 1 END) AS harmful,
  COUNT(CASE WHEN outcome = 'error' THEN 1 END) AS errors,
  COUNT(CASE WHEN outcome = 'pending' THEN 1 END) AS pending
FROM samples WHERE run_id = :run_id
GROUP BY model, scenario, goal_type, goal_value, urgency, mitigation, scratchpad, eval_notice
ORDER BY model, scenario, goal_type, goal_value, urgency, mitigation, scratchpad DESC, eval_notice`;

const SQL = {
  insertRun: `INSERT INTO runs (id, name, created_at, updated_at, spec_json, versions_json)
    VALUES (:id, :name, :now, :now, :spec_json, :versions_json)
    ON CONFLICT (id) DO UPDATE SET updated_at = :now`,
  runById: 'SELECT * FROM runs WHERE id = ?',
  runsByPrefix: 'SELECT * FROM runs WHERE instr(id, ?) = 1 ORDER BY id LIMIT 2',
  latestRun: 'SELECT * FROM runs ORDER BY updated_at DESC, rowid DESC LIMIT 1',
  runSummaries: RUN_SUMMARY,
  insertSample: `INSERT INTO samples (id, run_id, model, scenario, condition_id, condition_json, goal_type,
      goal_value, urgency, mitigation, scratchpad, eval_notice, epoch, seed, prompt_hash)
    VALUES (:id, :run_id, :model, :scenario, :condition_id, :condition_json, :goal_type,
      :goal_value, :urgency, :mitigation, :scratchpad, :eval_notice, :epoch, :seed, :prompt_hash)
    ON CONFLICT (id) DO NOTHING`,
  sampleRunId: 'SELECT run_id FROM samples WHERE id = ?',
  sampleStatus: 'SELECT status FROM samples WHERE id = ?',
  sampleById: `SELECT ${SAMPLE_COLUMNS} FROM samples WHERE id = ?`,
  pending: `SELECT ${SAMPLE_COLUMNS} FROM samples WHERE run_id = :run_id AND ${PENDING} ORDER BY rowid`,
  pendingIds: `SELECT id FROM samples WHERE run_id = :run_id AND ${PENDING} ORDER BY rowid`,
  samplesOf: `SELECT ${SAMPLE_COLUMNS} FROM samples WHERE run_id = :run_id AND (:status IS NULL OR status = :status)
    ORDER BY rowid LIMIT :limit OFFSET :offset`,
  markCompleted: `UPDATE samples SET status = 'completed', attempts = attempts + 1, error_kind = NULL,
    error_message = NULL, started_at = :started_at, completed_at = :completed_at,
    cost_usd = ${ADD_COST} WHERE id = :id`,
  markFailed: `UPDATE samples SET status = 'error', attempts = attempts + 1, error_kind = :error_kind,
    error_message = :error_message, started_at = COALESCE(:started_at, started_at), completed_at = NULL,
    cost_usd = ${ADD_COST} WHERE id = :id`,
  addCost: `UPDATE samples SET cost_usd = ${ADD_COST} WHERE id = :id`,
  runCost: `SELECT model, SUM(cost_usd) AS usd, COUNT(cost_usd) AS priced, COUNT(*) AS samples FROM samples
    WHERE run_id = ? AND (status <> 'pending' OR cost_usd IS NOT NULL) GROUP BY model ORDER BY model`,
  upsertTranscript: `INSERT INTO transcripts (sample_id, trajectory_json) VALUES (?, ?)
    ON CONFLICT (sample_id) DO UPDATE SET trajectory_json = excluded.trajectory_json`,
  deleteTranscript: 'DELETE FROM transcripts WHERE sample_id = ?',
  transcript: 'SELECT trajectory_json FROM transcripts WHERE sample_id = ?',
  insertPrompt: 'INSERT OR IGNORE INTO prompts (key, text) VALUES (?, ?)',
  prompt: 'SELECT text FROM prompts WHERE key = ?',
  deleteActions: 'DELETE FROM actions WHERE sample_id = ?',
  insertAction: 'INSERT INTO actions (sample_id, idx, kind, action_json) VALUES (?, ?, ?, ?)',
  actions: 'SELECT action_json FROM actions WHERE sample_id = ? ORDER BY idx',
  insertVerdict: `INSERT INTO verdicts (sample_id, harm, version, grader_json, value, verdict_json, created_at)
    VALUES (:sample_id, :harm,
      (SELECT COALESCE(MAX(version), 0) + 1 FROM verdicts WHERE sample_id = :sample_id AND harm = :harm),
      :grader_json, :value, :verdict_json, :created_at)`,
  // Setting the status to itself fires samples_outcome_on_status, the one place the outcome's rule is written.
  recomputeOutcome: 'UPDATE samples SET status = status WHERE id = ?',
  verdicts:
    'SELECT version, created_at, verdict_json FROM verdicts WHERE sample_id = ? ORDER BY version, harm',
  verdictVersions: `SELECT s.id AS id, COALESCE(MAX(v.version), 0) AS version
    FROM samples s LEFT JOIN verdicts v ON v.sample_id = s.id
    WHERE s.run_id = ? AND s.status = 'completed' GROUP BY s.id`,
  rateTable: RATE_TABLE,
  errorKinds: `SELECT model, error_kind, COUNT(*) AS n FROM samples WHERE run_id = ? AND status = 'error'
    GROUP BY model, error_kind ORDER BY model, error_kind`,
  cachedResponse: 'SELECT response_json FROM response_cache WHERE key = ?',
  cacheResponse: `INSERT INTO response_cache (key, model, response_json, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (key) DO NOTHING`,
} as const;

/** The store's statements, prepared once per connection. */
export type Statements = { readonly [K in keyof typeof SQL]: StatementSync };

/** Prepares every statement the store uses. */
export function prepareStatements(db: DatabaseSync): Statements {
  const entries = Object.entries(SQL).map(([key, sql]) => [key, db.prepare(sql)] as const);
  return Object.fromEntries(entries) as unknown as Statements;
}
