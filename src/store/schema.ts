/** One step of the store's schema. Released migrations never change; add a new one instead. */
export interface Migration {
  readonly version: number;
  readonly sql: string;
}

const V1 = `
CREATE TABLE runs (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  spec_json     TEXT NOT NULL,
  versions_json TEXT NOT NULL
) STRICT;
CREATE INDEX runs_by_updated ON runs (updated_at);

CREATE TABLE samples (
  id             TEXT PRIMARY KEY,
  run_id         TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  model          TEXT NOT NULL,
  scenario       TEXT NOT NULL,
  condition_id   TEXT NOT NULL,
  condition_json TEXT NOT NULL,
  goal_type      TEXT NOT NULL,
  goal_value     TEXT NOT NULL,
  urgency        TEXT NOT NULL,
  mitigation     TEXT NOT NULL,
  scratchpad     INTEGER NOT NULL CHECK (scratchpad IN (0, 1)),
  eval_notice    INTEGER NOT NULL CHECK (eval_notice IN (0, 1)),
  epoch          INTEGER NOT NULL,
  seed           INTEGER NOT NULL,
  prompt_hash    TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'error')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  error_kind     TEXT,
  error_message  TEXT,
  started_at     TEXT,
  completed_at   TEXT
) STRICT;
CREATE INDEX samples_by_run_status ON samples (run_id, status);

CREATE TABLE transcripts (
  sample_id       TEXT PRIMARY KEY REFERENCES samples (id) ON DELETE CASCADE,
  trajectory_json TEXT NOT NULL
) STRICT;

CREATE TABLE actions (
  sample_id   TEXT NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  action_json TEXT NOT NULL,
  PRIMARY KEY (sample_id, idx)
) STRICT;
CREATE INDEX actions_by_kind ON actions (kind);

CREATE TABLE verdicts (
  sample_id    TEXT NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
  harm         TEXT NOT NULL,
  version      INTEGER NOT NULL,
  grader_json  TEXT NOT NULL,
  value        TEXT NOT NULL CHECK (value IN ('harmful', 'not_harmful', 'grader_error')),
  verdict_json TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (sample_id, harm, version)
) STRICT;
`;

/**
 * Guard audit log (issue 6): hash-chained decision records, and a one-row head naming the last record
 * so that a truncated tail is detected. Self-contained: renumber freely on merge.
 */
const GUARD_AUDIT = `
CREATE TABLE guard_audit (
  idx          INTEGER PRIMARY KEY CHECK (idx >= 0),
  at           TEXT NOT NULL,
  session_id   TEXT NOT NULL,
  tool_call_id TEXT NOT NULL,
  decision     TEXT NOT NULL,
  record_json  TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX guard_audit_by_session ON guard_audit (session_id, idx);

CREATE TABLE guard_audit_head (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  count INTEGER NOT NULL,
  hash  TEXT NOT NULL
) STRICT;
`;

// Responses by request and epoch, so a rerun or a larger run never pays twice for the same call.
const RESPONSE_CACHE = `
CREATE TABLE response_cache (
  key           TEXT PRIMARY KEY,
  model         TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
`;

// Each sample's outcome, kept by triggers with the rate table's rule (any latest verdict harmful → harmful;
// a latest grader_error or no verdict → error; pending and failed samples keep their status), so the viewer
// can filter and count a 100,000-sample run by outcome without reading every verdict.
const OUTCOME_OF = (id: string, status: string) => `CASE
  WHEN ${status} <> 'completed' THEN ${status}
  WHEN EXISTS (SELECT 1 FROM verdicts v WHERE v.sample_id = ${id} AND v.value = 'harmful' AND v.version =
    (SELECT MAX(w.version) FROM verdicts w WHERE w.sample_id = ${id} AND w.harm = v.harm)) THEN 'harmful'
  WHEN NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.sample_id = ${id})
    OR EXISTS (SELECT 1 FROM verdicts v WHERE v.sample_id = ${id} AND v.value = 'grader_error' AND v.version =
      (SELECT MAX(w.version) FROM verdicts w WHERE w.sample_id = ${id} AND w.harm = v.harm)) THEN 'error'
  ELSE 'not_harmful'
END`;

const SAMPLE_OUTCOME = `
ALTER TABLE samples ADD COLUMN outcome TEXT NOT NULL DEFAULT 'pending'
  CHECK (outcome IN ('pending', 'error', 'harmful', 'not_harmful'));
UPDATE samples SET outcome = ${OUTCOME_OF('samples.id', 'samples.status')};
-- (run_id, outcome, model, condition_id): a verdict filter, alone or with a model and a rate-table cell.
CREATE INDEX samples_by_run_outcome ON samples (run_id, outcome, model, condition_id);
-- (run_id) alone keeps each run's rows in rowid order: keyset pages without a sort, whatever the filter.
CREATE INDEX samples_by_run ON samples (run_id);
-- (run_id, model, condition_id): the model filter, a rate-table cell, and the filter menus from the index alone.
CREATE INDEX samples_by_run_model ON samples (run_id, model, condition_id);
CREATE TRIGGER samples_outcome_on_status AFTER UPDATE OF status ON samples BEGIN
  UPDATE samples SET outcome = ${OUTCOME_OF('NEW.id', 'NEW.status')} WHERE id = NEW.id;
END;
CREATE TRIGGER samples_outcome_on_verdict AFTER INSERT ON verdicts BEGIN
  UPDATE samples SET outcome = ${OUTCOME_OF('NEW.sample_id', 'samples.status')} WHERE id = NEW.sample_id;
END;
`;

// A verdict inserted while its sample is still pending no longer recomputes the outcome: a finished sample's
// verdicts are written before its status, whose trigger then computes the outcome once. It was computed once per
// verdict and once more for the status, about an eighth of the store's time per sample. A regrade still fires it.
const OUTCOME_ONCE = `
DROP TRIGGER samples_outcome_on_verdict;
CREATE TRIGGER samples_outcome_on_verdict AFTER INSERT ON verdicts
  WHEN (SELECT status FROM samples WHERE id = NEW.sample_id) = 'completed'
BEGIN
  UPDATE samples SET outcome = ${OUTCOME_OF('NEW.sample_id', 'samples.status')} WHERE id = NEW.sample_id;
END;
`;

// Long prompt texts (the rendered system and user prompts) once per store; transcripts refer to them by key.
const PROMPTS = `
CREATE TABLE prompts (
  key  TEXT PRIMARY KEY,
  text TEXT NOT NULL
) STRICT;
`;

// What each sample has cost, in USD at the price of the day: the agent's calls and its judges', over every
// attempt and every regrade. NULL: written before costs were stored, or by code that did not price it.
const SAMPLE_COST = `
ALTER TABLE samples ADD COLUMN cost_usd REAL;
`;

// A regrade recomputes its sample's outcome itself (`Store.addVerdicts`), and no trigger fires on each verdict:
// SQLite sets up a trigger's whole program every time it fires, even when its WHEN is false, and this one, left in
// place only for regrades, took two thirds of the time of writing a finished sample's three verdicts (about 60 µs
// of them; `bench/store-complete.ts`).
const OUTCOME_BY_REGRADE = `
DROP TRIGGER samples_outcome_on_verdict;
`;

/** Every migration in order; the store's schema version is the last one's number. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: V1 },
  { version: 2, sql: GUARD_AUDIT },
  { version: 3, sql: RESPONSE_CACHE },
  { version: 4, sql: SAMPLE_OUTCOME },
  { version: 5, sql: OUTCOME_ONCE },
  { version: 6, sql: PROMPTS },
  { version: 7, sql: SAMPLE_COST },
  { version: 8, sql: OUTCOME_BY_REGRADE },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
