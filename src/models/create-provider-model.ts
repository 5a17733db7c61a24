import type { LanguageModelV4 } from '@ai-sdk/provider';
import { ConfigError } from '../spec/config-error.ts';
import type { Model } from '../spec/model.ts';
import { type AiSdkModelOptions, createAiSdkModel } from './create-ai-sdk-model.ts';
import type { HaywireConfig } from './haywire-config.ts';
import { httpFetch } from './http-fetch.ts';
import type { ModelRef } from './parse-model-id.ts';

/** Where each provider lives, and the path its API sits under (kept when `--base-url` names a bare host). */
const DEFAULT_URLS = {
  anthropic: 'https://api.anthropic.com/v1',
  openai: 'https://api.openai.com/v1',
  google: 'https://generativelanguage.googleapis.com/v1beta',
  xai: 'https://api.x.ai/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  ollama: 'http://127.0.0.1:11434/v1',
} as const;

export interface ProviderModelSettings {
  readonly id: string;
  readonly ref: ModelRef;
  readonly apiKey: string | undefined;
  readonly baseUrl: string | undefined;
  readonly config: HaywireConfig;
}

/**
 * Builds the AI SDK model for a hosted or OpenAI-compatible provider. xAI, Ollama and configured endpoints
 * speak OpenAI chat completions through `@ai-sdk/openai-compatible`; OpenAI uses its Responses API.
 * The provider's package is imported on the model's first call, so a run loads only the providers it uses
 * (each is 3 to 8 MB of heap); everything that can be wrong with the settings is reported here, before any call.
 */
export function createProviderModel(settings: ProviderModelSettings): Model {
  const { ref, apiKey } = settings;
  const key = apiKey ?? '';
  const endpoint = ref.provider === 'openai-compatible' ? endpointOf(settings) : undefined;
  // Where requests go: the endpoint's URL or the provider's, or `--base-url` with the API path it takes.
  const baseURL = withApiPath(
    settings.baseUrl,
    endpoint?.baseUrl ?? DEFAULT_URLS[ref.provider as keyof typeof DEFAULT_URLS] ?? '',
  );
  const reasoning = settings.config.models[settings.id]?.reasoning;
  const common = {
    id: settings.id,
    provider: ref.provider,
    secrets: apiKey === undefined ? [] : [apiKey],
    seedHeader: settings.baseUrl !== undefined,
    // `anthropic/sim-insider --base-url …` reaches the mock server's sim agent: a test double, not a model. So
    // does an endpoint of one's own (`openai-compatible/mock`, its `model: sim-insider`).
    simulated:
      (settings.baseUrl !== undefined || endpoint !== undefined) &&
      SIM_NAME.test(endpoint?.model ?? ref.name),
    // Anthropic's API and OpenAI's Responses API take no seed.
    seeds: ref.provider !== 'anthropic' && ref.provider !== 'openai',
    // OpenRouter's provider reads the effort from its own options (below), not from the call's `reasoning`.
    ...(reasoning === undefined || ref.provider === 'openrouter' ? {} : { reasoning }),
    ...settingsOf(reasoning, endpoint?.fromConfig === true ? endpoint.model : undefined),
    // `Model.endpoint`, when `--base-url` or a configured endpoint sets it, without a trailing slash.
    ...(settings.baseUrl === undefined && endpoint === undefined
      ? {}
      : { endpoint: baseURL.replace(/\/+$/, '') }),
  };
  let model: () => Promise<LanguageModelV4>;
  let providerOptions: AiSdkModelOptions['providerOptions'];
  switch (ref.provider) {
    case 'anthropic': {
      model = async () => {
        const { createAnthropic } = await import('@ai-sdk/anthropic');
        return createAnthropic({ apiKey: key, baseURL, fetch: httpFetch })(ref.name);
      };
      break;
    }
    case 'openai': {
      // The Responses API: the one that returns reasoning summaries. Nothing is stored at OpenAI; reasoning
      // models then return their reasoning encrypted, replayed on the next turn.
      model = async () => {
        const { createOpenAI } = await import('@ai-sdk/openai');
        return createOpenAI({ apiKey: key, baseURL, fetch: httpFetch }).responses(ref.name);
      };
      providerOptions = { openai: { store: false, reasoningSummary: 'auto' } };
      break;
    }
    case 'google': {
      model = async () => {
        const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
        return createGoogleGenerativeAI({ apiKey: key, baseURL, fetch: httpFetch })(ref.name);
      };
      // Gemini 2.5 and later think by default; ask for the thought summaries so they are captured.
      if (/gemini-(?:2\.5|[3-9])/.test(ref.name)) {
        providerOptions = { google: { thinkingConfig: { includeThoughts: true } } };
      }
      break;
    }
    case 'xai':
      model = compatible('xai', baseURL, apiKey, ref.name);
      break;
    case 'openrouter': {
      model = async () => {
        const { createOpenRouter } = await import('@openrouter/ai-sdk-provider');
        return createOpenRouter({ apiKey: key, baseURL, fetch: httpFetch })(ref.name);
      };
      if (reasoning !== undefined && reasoning !== 'provider-default')
        providerOptions = { openrouter: { reasoning: { effort: reasoning } } };
      break;
    }
    case 'ollama':
      model = compatible('ollama', baseURL, undefined, ref.name);
      break;
    case 'openai-compatible': {
      const { name, model: modelName } = endpoint!;
      model = compatible(name, baseURL, apiKey, modelName);
      break;
    }
    case 'llamacpp':
      throw new Error('llamacpp models are created by createLlamaCppModel');
  }
  return createAiSdkModel({
    ...common,
    model,
    ...(providerOptions === undefined ? {} : { providerOptions }),
  });
}

const SIM_NAME = /(?:^|\/)sim[-/]/;

/**
 * `Model.settings`: the reasoning setting, and the model an endpoint serves when the id names none (changing the
 * endpoint's `model:` changes what answers). Nothing when neither is set, so such runs keep their ids.
 */
function settingsOf(reasoning: string | undefined, endpointModel: string | undefined): { settings?: string } {
  const settings = {
    ...(endpointModel === undefined ? {} : { model: endpointModel }),
    // `provider-default` sends nothing, as no setting does.
    ...(reasoning === undefined || reasoning === 'provider-default' ? {} : { reasoning }),
  };
  return Object.keys(settings).length === 0 ? {} : { settings: JSON.stringify(settings) };
}

/**
 * The configured endpoint an `openai-compatible/<name>[/<model>]` id names, and the model asked of it: the id's,
 * else the endpoint's own `model:` (`fromConfig`). An unknown endpoint, or one with no model either way, is a
 * `ConfigError`.
 */
function endpointOf({ ref, id, config }: ProviderModelSettings): {
  name: string;
  baseUrl: string;
  model: string;
  fromConfig: boolean;
} {
  const [name = '', ...rest] = ref.name.split('/');
  const endpoint = config.endpoints[name];
  if (endpoint === undefined) {
    const known = Object.keys(config.endpoints);
    throw new ConfigError(
      'unknown-name',
      `unknown endpoint "${name}" in ${id}: define it under endpoints: in haywire.config.yaml` +
        (known.length === 0 ? '' : ` (defined: ${known.join(', ')})`),
    );
  }
  const model = rest.length > 0 ? rest.join('/') : endpoint.model;
  if (model === undefined)
    throw new ConfigError(
      'invalid-config',
      `${id} names no model: use openai-compatible/${name}/<model> or set model: for the endpoint`,
    );
  return { name, baseUrl: endpoint.baseUrl, model, fromConfig: rest.length === 0 };
}

function compatible(
  name: string,
  baseURL: string,
  apiKey: string | undefined,
  modelName: string,
): () => Promise<LanguageModelV4> {
  return async () => {
    const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
    return createOpenAICompatible({
      name,
      baseURL,
      includeUsage: true,
      fetch: httpFetch,
      ...(apiKey === undefined ? {} : { apiKey }),
    })(modelName);
  };
}

/**
 * The base URL to use: the default, or the given one; a given URL with no path takes the default's path, so
 * `--base-url http://127.0.0.1:8787` reaches `http://127.0.0.1:8787/v1` for OpenAI or Anthropic.
 */
export function withApiPath(given: string | undefined, fallback: string): string {
  if (given === undefined) return fallback;
  const url = URL.parse(given);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ConfigError(
      'invalid-input',
      `--base-url must be an http:// or https:// URL such as http://127.0.0.1:8787, got "${given}"`,
    );
  if (url.pathname !== '/' && url.pathname !== '') return given.replace(/\/+$/, '');
  return `${url.origin}${new URL(fallback).pathname}`;
}
