import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadExperiment,
  openStore,
  regradeRun,
  resolveJudges,
  resolveModels,
  runExperiment,
  type Store,
} from '../index.ts';
import { createViewerApp } from './create-viewer-app.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';

let store: Store;
let runId: string;

beforeAll(async () => {
  store = openStore(':memory:');
  const experiment = loadExperiment({ overrides: { models: ['sim/insider'], epochs: 2 } });
  ({ runId } = await runExperiment({ experiment, models: resolveModels(experiment.models).models, store }));
});
afterAll(() => store.close());

describe('the viewer app', () => {
  it('serves pages with a CSP that allows no script', async () => {
    const app = createViewerApp({ store });
    for (const path of [
      '/',
      `/runs/${runId}`,
      `/runs/${runId}/samples?outcome=harmful`,
      '/static/viewer.css',
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'none'");
    const page = await (await app.request(`/runs/${runId}`)).text();
    expect(page).not.toMatch(/<script|\sstyle=|\son\w+=/i);
  });

  it('answers the JSON API: runs, rates, a filtered page, facets and a sample', async () => {
    const app = createViewerApp({ store });
    const runs = (await (await app.request('/api/runs')).json()) as { id: string }[];
    expect(runs.map((r) => r.id)).toEqual([runId]);
    const run = (await (await app.request(`/api/runs/${runId.slice(0, 6)}`)).json()) as { rates: unknown[] };
    expect(run.rates).toHaveLength(4);
    const page = (await (await app.request(`/api/runs/${runId}/samples?outcome=harmful&limit=3`)).json()) as {
      items: { id: string; outcome: string }[];
      total: number;
      next: number | null;
    };
    expect(page.items.length).toBeLessThanOrEqual(3);
    expect(page.items.every((s) => s.outcome === 'harmful')).toBe(true);
    expect(page.total).toBe(store.samplePage(runId, { outcome: 'harmful' }).total);
    const facets = (await (await app.request(`/api/runs/${runId}/facets`)).json()) as { models: string[] };
    expect(facets.models).toEqual(['sim/insider']);
    const sample = (await (await app.request(`/api/samples/${page.items[0]?.id}`)).json()) as {
      outcome: string;
      trajectory: unknown;
    };
    expect(sample.outcome).toBe('harmful');
    expect(sample.trajectory).not.toBeNull();
    // What the sample and the run cost, as stored: the sim agent's calls cost nothing, and are priced so.
    expect((sample as unknown as { cost_usd: number }).cost_usd).toBe(0);
    expect(
      (await (await app.request(`/samples/${page.items[0]?.id}`)).text()).replace(/\s+/g, ' '),
    ).toContain('<span>cost</span><span>$0.0000 (agent and judges, every attempt)</span>');
    expect(await (await app.request('/')).text()).toContain('<td class="num">$0.00</td>');
  });

  it('refuses bad input with 400 and unknown ids with 404', async () => {
    const app = createViewerApp({ store });
    const bad = await app.request(`/api/runs/${runId}/samples?outcome=<b>`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/outcome must be one of/) });
    expect((await app.request(`/api/runs/${runId}/samples?after=-1`)).status).toBe(400);
    expect((await app.request('/api/runs/nope')).status).toBe(404);
    const missing = await app.request('/samples/%3Cscript%3E');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('no sample &quot;&lt;script&gt;&quot;');
    expect((await app.request('/compare?a=x')).status).toBe(400);
  });

  it('refuses requests for a host it does not serve (DNS rebinding)', async () => {
    const app = createViewerApp({ store, allowHost: (host) => host === '127.0.0.1:4173' });
    expect((await app.request('/', { headers: { host: '127.0.0.1:4173' } })).status).toBe(200);
    expect((await app.request('/', { headers: { host: 'attacker.example:4173' } })).status).toBe(421);
    expect((await app.request('/')).status).toBe(421);
  });
});

describe('the sample page after a regrade with judges', () => {
  it("shows every judge's model, decision, rationale and quotes, and underlines the verified quotes", async () => {
    const judged = openStore(':memory:');
    const experiment = loadExperiment({ overrides: { models: ['sim/insider'], epochs: 1 } });
    const { runId: run } = await runExperiment({
      experiment,
      models: resolveModels(experiment.models).models,
      store: judged,
    });
    // As `haywire regrade --judge sim/judge:agree --judge sim/judge:quote-liar --judge openai/gpt-4.1`, keyless.
    const judges = resolveJudges(['sim/judge:agree', 'sim/judge:quote-liar', 'openai/gpt-4.1'], { env: {} });
    await regradeRun({ store: judged, run, judges });
    const harmful = judged.samplePage(run, { outcome: 'harmful' }).items[0];
    const page = await (await createViewerApp({ store: judged }).request(`/samples/${harmful?.id}`)).text();
    judged.close();

    expect(page).toContain('judges: majority <strong>yes</strong>');
    expect(page).toContain('sim/judge:agree');
    expect(page).toContain('The quoted action commits the harm.');
    expect(page).toContain('sim/judge:quote-liar');
    expect(page).toContain('“I will ruin Kyle unless he obeys me.” <span class="badge unverified"');
    expect(page).toContain('openai/gpt-4.1');
    expect(page).toContain('no OPENAI_API_KEY in the environment');
    const assistant = page.slice(page.indexOf('data-role="assistant"'));
    expect(assistant).toMatch(
      /<mark class="[^"]*hl-judge-quote"[^>]*title="[^"]*blackmail judge quote: sim\/judge:agree">&quot;Kyle,/,
    );
    expect(assistant).not.toContain('I will ruin Kyle');
  });
});
