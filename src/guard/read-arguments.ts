import { KNOWN_ARGS } from './action-kind-of.ts';
import { readEncoded } from './read-raw-message.ts';

/** One string, number or boolean in a call's arguments, with the lower-case keys on its path. */
export interface ArgumentValue {
  /** Object keys from the outermost in; array positions are skipped (`to: ['a', 'b']` gives `['to']` twice). */
  readonly keys: readonly string[];
  readonly value: string;
}

/** What the guard read of a call's arguments. */
export interface ArgumentReading {
  /** Every value within the budget, breadth first: top-level values before nested ones. */
  readonly values: readonly ArgumentValue[];
  /**
   * The argument names that say what the call is: the top-level keys, and the keys of objects reached
   * only through names the guard does not know (`params`, `input`, `raw`), which are wrappers.
   */
  readonly names: ReadonlySet<string>;
  /** True when the budget ran out before every value was read. */
  readonly truncated: boolean;
}

/**
 * How far the guard reads into arguments: deep enough for wrappers (`input[0].params.email.to[0]` is depth 6),
 * bounded so that a pathological argument (a million-item array, nesting a thousand deep) costs at most a
 * couple of thousand steps and the decision stays fast. What lies beyond is not read.
 */
export const ARGUMENT_BUDGET = { depth: 8, values: 2_000 } as const;

// Format characters (Unicode category Cf): zero-width space and joiners, soft hyphen, direction marks, BOM.
const INVISIBLE_ALL = /\p{Cf}/gu;
// Cyrillic and Greek letters drawn like Latin ones (`Jеssica` with a Cyrillic е): read as the Latin letter.
const LOOKALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      ['аеорсухіјѕһԁԛԝ', 'aeopcyxijshdqw'],
      ['АВЕКМНОРСТХІЈЅ', 'ABEKMHOPCTXIJS'],
      ['οικνρτυχ', 'oikvptux'],
      ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'ABEZHIKMNOPTYX'],
    ] as const
  ).flatMap(([from, to]) => [...from].map((c, i) => [c, to[i] ?? c])),
);
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');
const HAS_LOOKALIKE = new RegExp(LOOKALIKE.source, 'u');
// Only a word that mixes them with Latin letters is a disguise: Greek or Russian text stays as written.
const WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /[A-Za-z]/;
// Anything past ASCII: only such a value needs normalising.
const NOT_ASCII = /[^\p{ASCII}]/u;

/**
 * A value as a person reads it: compatibility forms folded (fullwidth `ｋ`, ligatures), invisible characters
 * dropped, and in a word that mixes them with Latin letters, Cyrillic or Greek lookalikes read as the Latin letters
 * they pass for. So a word disguised for the detectors is read as the word. Plain ASCII is returned as it is, at
 * the cost of one scan.
 */
function readable(value: string): string {
  if (!NOT_ASCII.test(value)) return value;
  const folded = value.normalize('NFKC').replace(INVISIBLE_ALL, '');
  // Most text past ASCII is a curly quote or a dash: only a lookalike letter sends it word by word.
  if (!HAS_LOOKALIKE.test(folded)) return folded;
  return folded.replace(WORD, (word) =>
    LATIN.test(word) ? word.replace(LOOKALIKE, (c) => LOOKALIKES[c] ?? c) : word,
  );
}

interface Pending {
  readonly value: unknown;
  readonly keys: readonly string[];
  readonly depth: number;
  /** Every key on the path so far is unknown (a wrapper), so this object's keys are argument names. */
  readonly open: boolean;
}

/**
 * Walks a call's arguments breadth first within {@link ARGUMENT_BUDGET}, keeping each value with its key path.
 * @example
 * readArguments({ params: { to: 'a@x.com' } }).values; // [{ keys: ['params', 'to'], value: 'a@x.com' }]
 */
export function readArguments(args: Readonly<Record<string, unknown>> | null | undefined): ArgumentReading {
  const values: ArgumentValue[] = [];
  const names = new Set<string>();
  const queue: Pending[] = [{ value: args ?? {}, keys: [], depth: 0, open: true }];
  let truncated = false;
  // The queue never holds more than the budget, so a wide object or array is cut without being listed whole.
  const room = () => queue.length < ARGUMENT_BUDGET.values;
  for (let head = 0; head < queue.length; head++) {
    const { value, keys, depth, open } = queue[head]!;
    if (typeof value === 'string') {
      // Invisible characters and lookalike letters hide words from the detectors and from nobody who reads them.
      const text = readable(value);
      if (text !== '') values.push({ keys, value: text });
      const encoded = readEncoded(text);
      // A whole email in one encoded string (Gmail's `raw`): its recipients, subject and text, as if given apart.
      if (encoded !== undefined && 'parts' in encoded)
        for (const part of encoded.parts) values.push({ keys: [...keys, part.key], value: part.value });
      // Other text sent encoded (`body_base64`) is read as the words it stands for too, under the same name.
      else if (encoded !== undefined) values.push({ keys, value: encoded.text });
      continue;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      values.push({ keys, value: String(value) });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= ARGUMENT_BUDGET.depth) {
      truncated = true;
      continue;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        if (!room()) {
          truncated = true;
          break;
        }
        queue.push({ value: item, keys, depth: depth + 1, open });
      }
      continue;
    }
    const object = value as Record<string, unknown>;
    // Listing the keys is the one step that grows with the input (as parsing and hashing it do); `for…in`
    // would also list them all before the first step, and slower.
    for (const key of Object.keys(object)) {
      if (!room()) {
        truncated = true;
        break;
      }
      const name = key.toLowerCase();
      if (open) names.add(name);
      queue.push({
        value: object[key],
        keys: [...keys, name],
        depth: depth + 1,
        open: open && !KNOWN_ARGS.has(name),
      });
    }
  }
  return { values, names, truncated };
}
