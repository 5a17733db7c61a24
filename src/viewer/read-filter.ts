import { ConfigError, type PageRequest, type SampleFilter } from '../index.ts';

const STATUSES = ['pending', 'completed', 'error'] as const;
const OUTCOMES = ['harmful', 'not_harmful', 'error', 'pending'] as const;
/** The query parameters that filter a sample list, in the order the form shows them. */
export const FILTER_KEYS = [
  'model',
  'scenario',
  'condition_id',
  'goal_type',
  'goal_value',
  'urgency',
  'mitigation',
  'status',
  'outcome',
  'tag',
] as const;

type Query = (key: string) => string | undefined;

/** Reads a sample filter and page from query parameters; a malformed value is a ConfigError (HTTP 400). */
export function readFilter(query: Query): { filter: SampleFilter; page: PageRequest } {
  const value = (key: string) => {
    const text = query(key);
    return text === undefined || text === '' ? undefined : text;
  };
  const filter: Record<string, string | undefined> = {};
  for (const key of FILTER_KEYS) filter[key] = value(key);
  oneOf('status', filter.status, STATUSES);
  oneOf('outcome', filter.outcome, OUTCOMES);
  return {
    filter: filter as SampleFilter,
    page: {
      after: cursor('after', value('after')),
      before: cursor('before', value('before')),
      limit: cursor('limit', value('limit')),
    },
  };
}

function oneOf(key: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value))
    throw new ConfigError('invalid-input', `${key} must be one of ${allowed.join(', ')}`);
}

function cursor(key: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new ConfigError('invalid-input', `${key} must be a whole number`);
  return n;
}
