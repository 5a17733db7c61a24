import { Hono } from 'hono';
import { ConfigError, rateRows, type SampleFacets, type Store } from '../index.ts';
import { html, type SafeHtml } from './html.ts';
import { outcomeOf } from './latest-verdicts.ts';
import { layout } from './pages/layout.ts';
import { runPage } from './pages/run-page.ts';
import { runsPage } from './pages/runs-page.ts';
import { comparePage, samplePage } from './pages/sample-page.ts';
import { readFilter } from './read-filter.ts';
import { securityHeaders } from './security-headers.ts';
import { VIEWER_CSS } from './viewer-css.ts';

/** What `createViewerApp` needs. */
export interface ViewerAppOptions {
  readonly store: Store;
  /** Which `Host` header values to serve (e.g. `127.0.0.1:4173`); all when undefined. */
  readonly allowHost?: ((host: string) => boolean) | undefined;
  /** How long filter menus are reused before they are read again. Default 30 s. */
  readonly facetsTtlMs?: number;
}

/**
 * The viewer as a Hono app: HTML pages (no script) and a JSON API over one store, read only.
 * @example
 * const app = createViewerApp({ store: openStore('.haywire/haywire.db') });
 * const response = await app.request('/api/runs');
 */
export function createViewerApp(options: ViewerAppOptions): Hono {
  const { store } = options;
  const facets = facetCache(store, options.facetsTtlMs ?? 30_000);
  const app = new Hono();
  app.use('*', securityHeaders(options.allowHost));
  const page = (body: SafeHtml) => body.html;

  app.get('/static/viewer.css', (c) =>
    c.body(VIEWER_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  app.get('/', (c) => c.html(page(runsPage(store.listRuns(), store.path))));
  app.get('/runs/:id', (c) => {
    const run = store.getRun(c.req.param('id'));
    const { filter, page: request } = readFilter((k) => c.req.query(k));
    const samples = store.samplePage(run.id, filter, request);
    return c.html(
      page(
        runPage({
          run,
          rates: rateRows(store, run.id),
          facets: facets(run.id),
          filter,
          page: samples,
          limit: request.limit,
        }),
      ),
    );
  });
  app.get('/runs/:id/samples', (c) => {
    const run = store.getRun(c.req.param('id'));
    const { filter, page: request } = readFilter((k) => c.req.query(k));
    const samples = store.samplePage(run.id, filter, request);
    return c.html(
      page(runPage({ run, facets: facets(run.id), filter, page: samples, limit: request.limit })),
    );
  });
  app.get('/samples/:id', (c) => {
    const sample = requireSample(store, c.req.param('id'));
    return c.html(page(samplePage(sample, outcomeOf(sample))));
  });
  app.get('/compare', (c) => {
    const ids = [...(c.req.queries('id') ?? []), c.req.query('a'), c.req.query('b')].filter(
      (id): id is string => id !== undefined && id !== '',
    );
    if (ids.length !== 2)
      throw new ConfigError('invalid-input', 'compare needs exactly two samples (a and b)');
    const [a, b] = ids.map((id) => requireSample(store, id.trim())) as [
      ReturnType<typeof requireSample>,
      ReturnType<typeof requireSample>,
    ];
    return c.html(
      page(comparePage({ sample: a, outcome: outcomeOf(a) }, { sample: b, outcome: outcomeOf(b) })),
    );
  });

  app.get('/api/runs', (c) => c.json(store.listRuns()));
  app.get('/api/runs/:id', (c) => {
    const run = store.getRun(c.req.param('id'));
    return c.json({ run, rates: rateRows(store, run.id) });
  });
  app.get('/api/runs/:id/facets', (c) => {
    const run = store.getRun(c.req.param('id'));
    return c.json({ ...facets(run.id), tags: store.reasoningTags(run.id) });
  });
  app.get('/api/runs/:id/samples', (c) => {
    const run = store.getRun(c.req.param('id'));
    const { filter, page: request } = readFilter((k) => c.req.query(k));
    return c.json(store.samplePage(run.id, filter, request));
  });
  app.get('/api/samples/:id', (c) => {
    const sample = requireSample(store, c.req.param('id'));
    return c.json({ ...sample, outcome: outcomeOf(sample) });
  });

  app.notFound((c) => c.html(page(errorPage('Not found', 'No such page.')), 404));
  app.onError((error, c) => {
    if (!(error instanceof ConfigError)) {
      process.stderr.write(`haywire view: ${error.stack ?? error.message}\n`);
      return c.text('internal error (a bug; see the terminal)', 500);
    }
    const status = error.code === 'unknown-name' ? 404 : 400;
    if (c.req.path.startsWith('/api/')) return c.json({ error: error.message }, status);
    return c.html(page(errorPage(status === 404 ? 'Not found' : 'Bad request', error.message)), status);
  });
  return app;
}

function requireSample(store: Store, id: string) {
  const sample = store.getSample(id);
  if (sample === undefined) throw new ConfigError('unknown-name', `no sample "${id}" in ${store.path}`);
  return sample;
}

function errorPage(title: string, message: string): SafeHtml {
  return layout(
    title,
    html`<h1>${title}</h1><p class="error-box">${message}</p><p><a href="/">all runs</a></p>`,
  );
}

// Filter menus are read from an index (about 60 ms for 100,000 samples) and kept a while: a run's models and
// conditions are fixed when it is planned.
function facetCache(store: Store, ttlMs: number): (runId: string) => SampleFacets {
  const cache = new Map<string, { at: number; facets: SampleFacets }>();
  return (runId) => {
    const hit = cache.get(runId);
    if (hit !== undefined && Date.now() - hit.at < ttlMs) return hit.facets;
    const facets = store.sampleFacets(runId);
    cache.set(runId, { at: Date.now(), facets });
    return facets;
  };
}
