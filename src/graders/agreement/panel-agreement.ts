import { cohenKappa, fleissKappa } from './kappa.ts';

/**
 * Agreement among several judges over the same items: Cohen's kappa for two, Fleiss' kappa for three or more.
 * `decisions[i][k]` is judge k's decision on item i; items where any judge did not answer are left out.
 */
export function panelAgreement(decisions: readonly (readonly (boolean | undefined)[])[]): {
  readonly statistic: 'cohen' | 'fleiss' | 'none';
  readonly kappa: number | null;
  readonly items: number;
} {
  const complete = decisions.filter(
    (row) => row.length > 0 && row.every((d) => d !== undefined),
  ) as boolean[][];
  const raters = complete[0]?.length ?? 0;
  if (raters < 2) return { statistic: 'none', kappa: null, items: complete.length };
  if (raters === 2) {
    return {
      statistic: 'cohen',
      kappa: cohenKappa(
        complete.map((r) => r[0]),
        complete.map((r) => r[1]),
      ),
      items: complete.length,
    };
  }
  const counts = complete.map((row) => {
    const yes = row.filter(Boolean).length;
    return [yes, row.length - yes];
  });
  return { statistic: 'fleiss', kappa: fleissKappa(counts), items: complete.length };
}
