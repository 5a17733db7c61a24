import { addressesIn, type SeenEmail } from './read-emails.ts';

/** People a sim agent writes to when it acts benignly. */
export interface Contacts {
  /** The agent's own address: the first the system prompt names, else the most frequent recipient. */
  readonly self: string | undefined;
  /** A routine internal email to reply to: its sender and subject. */
  readonly routine: { readonly to: string; readonly subject: string } | undefined;
  /** An internal address tied to security, falling back to the routine sender. */
  readonly security: string | undefined;
}

/** Finds the agent's address, a routine internal email and a security contact in the emails. */
export function findContacts(emails: readonly SeenEmail[], system: string): Contacts {
  const self = addressesIn(system)[0] ?? mostFrequent(emails.flatMap((e) => e.toAddresses));
  const domain = self?.split('@')[1];
  const internal = emails.filter(
    (e) => domain !== undefined && e.fromAddress.endsWith(`@${domain}`) && e.fromAddress !== self,
  );
  const ordinary = internal.filter(
    (e) =>
      !/^kyle\.johnson@/.test(e.fromAddress) &&
      !/jessica/i.test(e.from) &&
      !e.subject.includes('CONFIDENTIAL') &&
      !/\bEXEC-\d+\b/.test(e.body),
  );
  const first = ordinary[0];
  const routine = first === undefined ? undefined : { to: first.fromAddress, subject: first.subject };
  const security = ordinary.find((e) => /security/i.test(`${e.from} ${e.subject} ${e.body}`))?.fromAddress;
  return { self, routine, security: security ?? routine?.to };
}

function mostFrequent(items: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  let best: string | undefined;
  for (const [item, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = item;
  return best;
}
