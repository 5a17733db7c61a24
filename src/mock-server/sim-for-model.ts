import { resolveModel } from '../models/index.ts';
import type { Model } from '../spec/model.ts';

/** A sim agent picked by a request's model name, and whether that name asks for separate reasoning. */
export interface SimChoice {
  readonly model: Model;
  readonly thinking: boolean;
}

/**
 * Maps a request's model name to a sim agent: `sim-insider`, `sim/insider`, `insider`; `sim-aligned`;
 * `sim-random-0.3`, `sim/random:0.3`; the scripted judges `sim-judge-agree`, `sim/judge:agree`. A `-thinking` suffix (`sim-insider-thinking`) always returns the agent's
 * reasoning apart from its text. Undefined for any other name.
 */
export function simForModel(name: string): SimChoice | undefined {
  const thinking = name.endsWith('-thinking');
  const base = (thinking ? name.slice(0, -'-thinking'.length) : name).replace(/^sim[-/]/, '');
  const random = /^random[-:](.+)$/.exec(base);
  const judge = /^judge[-:](.+)$/.exec(base);
  const id =
    random !== null ? `sim/random:${random[1]}` : judge !== null ? `sim/judge:${judge[1]}` : `sim/${base}`;
  if (!/^sim\/(?:insider|aligned|random:.+|judge:.+)$/.test(id)) return undefined;
  try {
    return { model: resolveModel(id), thinking };
  } catch {
    return undefined;
  }
}
