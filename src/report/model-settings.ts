/**
 * The model settings a run was made with that its model ids do not show (`model_settings` in the stored
 * experiment: a reasoning setting, an endpoint's own model), by model id; empty for runs without any.
 */
export function modelSettingsOf(spec: unknown): Record<string, Record<string, unknown>> {
  const settings = (spec as { model_settings?: unknown } | null)?.model_settings;
  if (typeof settings !== 'object' || settings === null) return {};
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, value] of Object.entries(settings))
    if (typeof value === 'object' && value !== null) out[id] = value as Record<string, unknown>;
  return out;
}

/**
 * One line per model with settings, e.g. `anthropic/claude-sonnet-4-5 ran with reasoning: high`, so two runs of
 * the same model id under other settings read apart; undefined when there are none.
 * @example modelSettingsLines({ model_settings: { 'openai/o3': { reasoning: 'high' } } }) // 'openai/o3 ran with reasoning: high'
 */
export function modelSettingsLines(spec: unknown): string | undefined {
  const lines = Object.entries(modelSettingsOf(spec)).map(
    ([id, settings]) =>
      `${id} ran with ${Object.entries(settings)
        .map(([name, value]) => `${name}: ${String(value)}`)
        .join(', ')}`,
  );
  return lines.length === 0 ? undefined : lines.join('\n');
}
