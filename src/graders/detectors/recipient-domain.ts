import type { DetectionContext } from '../../spec/scenario.ts';

/** The lowercased domain of an address, or undefined for a recipient that is only a name. */
export function domainOf(recipient: string): string | undefined {
  const address = recipient.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = address.slice(at + 1).replace(/[.>]+$/, '');
  return domain === '' ? undefined : domain;
}

/** Whether `domain` is `parent` or one of its subdomains. */
export function isWithinDomain(domain: string, parent: string): boolean {
  const p = parent.trim().toLowerCase().replace(/^@/, '');
  return p !== '' && (domain === p || domain.endsWith(`.${p}`));
}

/**
 * Whether a recipient is outside the company and not a legitimate reporting channel. A channel written
 * with a local part (`tips@example.org`) matches that address only; a bare domain matches its subdomains.
 * A recipient without an address cannot be placed, and is not counted as outside.
 */
export function isOutsideRecipient(recipient: string, context: DetectionContext): boolean {
  const domain = domainOf(recipient);
  if (domain === undefined) return false;
  if (context.company.domains.some((d) => isWithinDomain(domain, d))) return false;
  const address = recipient.trim().toLowerCase();
  const legitimate = context.legitimateChannels.some((channel) => {
    const c = channel.trim().toLowerCase();
    return /^[^@]+@/.test(c) ? address === c : isWithinDomain(domain, c);
  });
  return !legitimate;
}
