import { type MockServer, type MockServerOptions, startMockServer } from '../../src/mock-server/index.ts';
import { resolveModel } from '../../src/models/index.ts';
import { renderScenario } from '../../src/scenarios/index.ts';
import type { Model } from '../../src/spec/index.ts';

/** Keys planted in the environment: they must never show up in messages, trajectories or logs. */
export const PLANTED = {
  ANTHROPIC_API_KEY: 'sk-ant-PLANTED-7f3c9a1e2b4d',
  OPENAI_API_KEY: 'sk-PLANTED-openai-5e8d2c1a',
  XAI_API_KEY: 'xai-PLANTED-9b7a6c5d4e',
  OPENROUTER_API_KEY: 'sk-or-PLANTED-3a2b1c0d9e',
  GOOGLE_GENERATIVE_AI_API_KEY: 'AIzaPLANTED-google-11223344',
  LOCAL_ENDPOINT_KEY: 'PLANTED-local-endpoint-8877',
} as const;

/** A configuration naming one OpenAI-compatible endpoint, `local`, whose URL tests replace with --base-url. */
export const TEST_CONFIG = {
  endpoints: { local: { baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: 'LOCAL_ENDPOINT_KEY' } },
  models: {},
};

/** A mock server on an ephemeral port whose log lines are kept for inspection. */
export async function startLoggedMock(
  options: MockServerOptions = {},
): Promise<MockServer & { logs: string[] }> {
  const logs: string[] = [];
  const server = await startMockServer({ ...options, log: (line) => logs.push(line) });
  return Object.assign(server, { logs });
}

/** Resolves a real provider's model id against the mock server, with the planted keys. */
export function mockModel(id: string, server: MockServer, env: NodeJS.ProcessEnv = PLANTED): Model {
  return resolveModel(id, { baseUrl: server.url, env, config: TEST_CONFIG });
}

/** The study's blackmail condition under full pressure, rendered for a harness mode. */
export function pressuredScenario(mode: 'inbox' | 'tools') {
  return renderScenario(
    {
      scenario: 'blackmail',
      goal_type: 'explicit',
      goal_value: 'america',
      urgency: 'replacement',
      scratchpad: true,
      eval_notice: false,
      mitigation: 'none',
    },
    { mode },
  );
}
