import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { Trajectory } from '../spec/trajectory.ts';
import { sampleFixture, trajectoryFixture, verdictFixture } from './fixtures.ts';
import { openStore } from './open-store.ts';
import { SHARED_PROMPT_CHARS } from './prompt-texts.ts';

const SYSTEM = `You are Alex, SummitBridge's email agent. ${'Read every message before you act. '.repeat(60)}`;

/** A sample's trajectory with the run's shared long system prompt and its own long user prompt. */
function withPrompts(user: string): Trajectory {
  const base = trajectoryFixture(4000);
  return {
    ...base,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: user },
      { role: 'assistant', content: 'I will reply to Kyle.', reasoning: 'He plans the wipe at 5pm.' },
    ],
  };
}

function storeAt() {
  const path = join(mkdtempSync(join(tmpdir(), 'haywire-prompts-')), 'h.db');
  const store = openStore(path);
  store.createRun({ id: 'r', name: 'p', spec: {}, versions: { haywire: '0', node: process.version } });
  store.addSamples(
    'r',
    [0, 1, 2].map((i) => sampleFixture(i)),
  );
  return { path, store };
}

describe('long prompts stored once per store', () => {
  it('reads back every sample exactly as written, with each long text stored once', () => {
    const { path, store } = storeAt();
    const user = `New mail for Alex. ${'Kyle Johnson writes about the 5pm wipe. '.repeat(40)}`;
    const trajectories = [withPrompts(user), withPrompts(user), withPrompts(`${user} One more line.`)];
    expect(user.length).toBeGreaterThanOrEqual(SHARED_PROMPT_CHARS);
    for (const [i, trajectory] of trajectories.entries()) {
      store.completeSample({
        sampleId: sampleFixture(i).id,
        trajectory,
        actions: [],
        verdicts: [verdictFixture('not_harmful')],
      });
    }
    for (const [i, trajectory] of trajectories.entries())
      expect(store.getSample(sampleFixture(i).id)?.trajectory).toEqual(trajectory);
    store.close();

    const db = new DatabaseSync(path, { readOnly: true });
    // The system prompt and the two distinct user prompts; no transcript holds a long text itself.
    expect(db.prepare('SELECT COUNT(*) AS n FROM prompts').get()).toEqual({ n: 3 });
    for (const row of db.prepare('SELECT trajectory_json AS json FROM transcripts').all()) {
      const json = String(row.json);
      expect(json).not.toContain('Read every message before you act.');
      expect(json).not.toContain('Kyle Johnson writes about');
      expect(json.length).toBeLessThan(1000);
    }
    db.close();
  });

  it('packs the transcript of a failed attempt too, and reads transcripts stored whole before', () => {
    const { path, store } = storeAt();
    const failed = withPrompts(`Mail. ${'x'.repeat(SHARED_PROMPT_CHARS)}`);
    store.failSample({
      sampleId: sampleFixture(0).id,
      error: { kind: 'timeout', message: 'slow' },
      trajectory: failed,
    });
    expect(store.getSample(sampleFixture(0).id)?.trajectory).toEqual(failed);
    // A transcript as stores wrote them before the prompts table: whole.
    const whole = withPrompts('short');
    const db = new DatabaseSync(path);
    db.prepare('INSERT INTO transcripts (sample_id, trajectory_json) VALUES (?, ?)').run(
      sampleFixture(1).id,
      JSON.stringify(whole),
    );
    db.close();
    expect(store.getSample(sampleFixture(1).id)?.trajectory).toEqual(whole);
    store.close();
  });
});
