/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm 1979, Scandinavian
 * Journal of Statistics 6:65–70), as R's `p.adjust(p, "holm")`: the i-th smallest of m is
 * multiplied by m − i + 1, made monotone by a running maximum, capped at 1. Controls the
 * family-wise error rate with no assumption about dependence. Returned in the input order.
 *
 * @example
 * holm([0.01, 0.04, 0.03, 0.005]); // [0.03, 0.06, 0.06, 0.02]
 */
export function holm(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
