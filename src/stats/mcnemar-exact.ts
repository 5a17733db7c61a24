import { logChoose } from './log-gamma.ts';

/**
 * McNemar's exact test on the discordant pairs (McNemar 1947; the exact, conditional form):
 * under no difference, aOnly ~ Binomial(aOnly + bOnly, ½); two-sided p = min(1, 2·P(X ≤ min)).
 * Equal to R's `binom.test(aOnly, aOnly + bOnly)$p.value`. No discordant pairs: p = 1.
 */
export function mcnemarExact(aOnly: number, bOnly: number): number {
  const m = aOnly + bOnly;
  if (m === 0) return 1;
  const k = Math.min(aOnly, bOnly);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(m, i) - m * Math.LN2);
  return Math.min(1, 2 * tail);
}
