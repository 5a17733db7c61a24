/**
 * Cohen's kappa for two raters over the same items (any labels): (po − pe) / (1 − pe), where po is the
 * observed agreement and pe the agreement expected from each rater's marginals (Cohen 1960). Null when
 * there are no items; 1 when pe is 1 and the raters agree everywhere.
 * @example cohenKappa(['y', 'n', 'y'], ['y', 'n', 'n'])
 */
export function cohenKappa<T>(a: readonly T[], b: readonly T[]): number | null {
  if (a.length !== b.length) throw new RangeError('both raters must rate the same items');
  const n = a.length;
  if (n === 0) return null;
  const labels = new Set([...a, ...b]);
  let agree = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) agree++;
  const po = agree / n;
  let pe = 0;
  for (const label of labels) {
    const pa = a.filter((x) => x === label).length / n;
    const pb = b.filter((x) => x === label).length / n;
    pe += pa * pb;
  }
  if (pe === 1) return po === 1 ? 1 : 0;
  return (po - pe) / (1 - pe);
}

/**
 * Fleiss' kappa for a fixed number of raters per item (Fleiss 1971). `counts[i][j]` is how many raters put
 * item i in category j; every row must sum to the same number of raters (≥ 2). Null when undefined.
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  const items = counts.length;
  if (items === 0) return null;
  const raters = counts[0]!.reduce((s, x) => s + x, 0);
  if (raters < 2) return null;
  const categories = counts[0]!.length;
  const totals = new Array<number>(categories).fill(0);
  let sumPi = 0;
  for (const row of counts) {
    if (row.length !== categories || row.reduce((s, x) => s + x, 0) !== raters)
      throw new RangeError('every item needs the same number of raters and categories');
    row.forEach((x, j) => {
      totals[j]! += x;
    });
    sumPi += (row.reduce((s, x) => s + x * x, 0) - raters) / (raters * (raters - 1));
  }
  const pBar = sumPi / items;
  const pe = totals.reduce((s, t) => s + (t / (items * raters)) ** 2, 0);
  if (pe === 1) return pBar === 1 ? 1 : 0;
  return (pBar - pe) / (1 - pe);
}

/** A 2×2 table of two binary raters: `yy` both yes, `yn` first yes and second no, and so on. */
export interface TwoByTwo {
  readonly yy: number;
  readonly yn: number;
  readonly ny: number;
  readonly nn: number;
}

/** Counts the 2×2 table of two binary raters. */
export function twoByTwo(a: readonly boolean[], b: readonly boolean[]): TwoByTwo {
  let yy = 0;
  let yn = 0;
  let ny = 0;
  let nn = 0;
  a.forEach((x, i) => {
    const y = b[i];
    if (x && y) yy++;
    else if (x) yn++;
    else if (y) ny++;
    else nn++;
  });
  return { yy, yn, ny, nn };
}

/** Cohen's kappa from a 2×2 table. */
export function kappaOfTable(t: TwoByTwo): number | null {
  const a = [...rep(true, t.yy + t.yn), ...rep(false, t.ny + t.nn)];
  const b = [...rep(true, t.yy), ...rep(false, t.yn), ...rep(true, t.ny), ...rep(false, t.nn)];
  return cohenKappa(a, b);
}

function rep<T>(value: T, n: number): T[] {
  return new Array<T>(n).fill(value);
}
