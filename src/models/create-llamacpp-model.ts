import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../spec/config-error.ts';
import type { Model } from '../spec/model.ts';
import { ProviderError } from './provider-error.ts';

/** The version of the optional package Haywire is written against. */
export const NODE_LLAMA_CPP_VERSION = '3.21.1';

// The few parts of node-llama-cpp used here, typed locally: the package is optional and absent by default.
interface LlamaModule {
  getLlama(): Promise<{ loadModel(options: { modelPath: string }): Promise<LlamaModelHandle> }>;
  LlamaChatSession: new (options: { contextSequence: unknown; systemPrompt?: string }) => LlamaSession;
}
interface LlamaModelHandle {
  createContext(): Promise<{ getSequence(): unknown; dispose(): Promise<void> }>;
  tokenize(text: string): readonly unknown[];
}
interface LlamaSession {
  prompt(
    text: string,
    options: { maxTokens: number; temperature: number; seed: number; signal?: AbortSignal },
  ): Promise<string>;
}

/**
 * A GGUF model run in-process by node-llama-cpp, an optional dependency imported only when such a model is used.
 * Inbox mode only (one system and one user message); `<think>` blocks become reasoning.
 * Throws a one-line `ConfigError` when the package or the file is missing.
 */
export function createLlamaCppModel(id: string, file: string, cwd = process.cwd()): Model {
  const modelPath = resolve(cwd, file);
  if (!isNodeLlamaCppInstalled()) {
    throw new ConfigError(
      'invalid-config',
      `${id} needs the optional package node-llama-cpp: npm install -E node-llama-cpp@${NODE_LLAMA_CPP_VERSION}`,
    );
  }
  if (!existsSync(modelPath))
    throw new ConfigError('missing-file', `${id}: no model file at ${modelPath}`, { file });
  let loaded: Promise<{ module: LlamaModule; model: LlamaModelHandle }> | undefined;
  return {
    id,
    simulated: false,
    modes: ['inbox'],
    async generate(request) {
      const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
      const others = request.messages.filter((m) => m.role !== 'system');
      if ((request.tools ?? []).length > 0 || others.length !== 1 || others[0]?.role !== 'user') {
        throw new ProviderError('provider_error', `${id}: llamacpp models run in inbox mode only`, {
          provider: 'llamacpp',
        });
      }
      loaded ??= load(modelPath);
      const { module, model } = await loaded;
      const context = await model.createContext();
      try {
        const session = new module.LlamaChatSession({
          contextSequence: context.getSequence(),
          systemPrompt: system.join('\n\n'),
        });
        const raw = await session.prompt(others[0].content, {
          maxTokens: request.maxTokens,
          temperature: request.temperature,
          seed: request.seed,
          ...(request.signal === undefined ? {} : { signal: request.signal }),
        });
        const thought = /<think>([\s\S]*?)<\/think>/.exec(raw);
        const text = thought === null ? raw : raw.replace(thought[0], '').trim();
        const input = request.messages.reduce((n, m) => n + model.tokenize(m.content).length, 0);
        return {
          text,
          ...(thought === null ? {} : { reasoning: thought[1]!.trim() }),
          toolCalls: [],
          usage: {
            inputTokens: input,
            outputTokens: model.tokenize(raw).length,
            reasoningTokens: thought === null ? 0 : model.tokenize(thought[1]!).length,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
          },
          finishReason: 'stop',
        };
      } finally {
        await context.dispose();
      }
    },
  };
}

/** Whether the optional package node-llama-cpp can be imported from here. */
export function isNodeLlamaCppInstalled(): boolean {
  try {
    import.meta.resolve('node-llama-cpp');
    return true;
  } catch {
    return false;
  }
}

async function load(modelPath: string): Promise<{ module: LlamaModule; model: LlamaModelHandle }> {
  const name = 'node-llama-cpp';
  const module = (await import(name)) as LlamaModule;
  const llama = await module.getLlama();
  return { module, model: await llama.loadModel({ modelPath }) };
}
