import { ConfigError, type Model } from '../spec/index.ts';

/**
 * Refuses, before anything runs or is stored, a model that cannot run the experiment's mode (a `llamacpp/` model
 * in tools mode), naming every such model in one line.
 * @example assertModesSupported('tools', models) // throws ConfigError for llamacpp/…
 */
export function assertModesSupported(mode: 'inbox' | 'tools', models: readonly Model[]): void {
  const unable = models.filter((m) => m.modes !== undefined && !m.modes.includes(mode)).map((m) => m.id);
  if (unable.length === 0) return;
  throw new ConfigError(
    'invalid-input',
    `${unable.join(', ')} cannot run in ${mode} mode (${unable.length === 1 ? 'it runs' : 'they run'} in ${mode === 'tools' ? 'inbox' : 'tools'} mode only): use --mode ${mode === 'tools' ? 'inbox' : 'tools'} or another model`,
  );
}
