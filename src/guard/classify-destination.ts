import type { RecipientClass } from '../spec/policy.ts';
import type { ClassifiedCall } from './classify-call.ts';
import type { CompiledPolicy } from './compile-policy.ts';
import { domainOf, within } from './session-taint.ts';

/** Where the organisation ends: its domains and the outside destinations it trusts. */
export interface Boundary {
  readonly internalDomains: readonly string[];
  readonly trusted: readonly string[];
}

const RANK: Readonly<Record<RecipientClass, number>> = { none: 0, internal: 1, external: 2, oversight: 3 };
const LOCAL_HOST =
  /^(?:localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|\[?::1\]?|[\w-]+\.(?:local|internal|lan|corp))$/i;

/** The most outward of several classes (oversight > external > internal > none). */
export function widest(classes: readonly RecipientClass[]): RecipientClass {
  let best: RecipientClass = 'none';
  for (const c of classes) if (RANK[c] > RANK[best]) best = c;
  return best;
}

/** The class of each destination of a call, and of the call as a whole. */
export function classifyDestinations(
  classified: ClassifiedCall,
  policy: CompiledPolicy,
  boundary: Boundary,
): { each: RecipientClass[]; overall: RecipientClass } {
  const { kind } = classified;
  if (kind === 'alert-cancel')
    return { each: classified.destinations.map(() => 'oversight'), overall: 'oversight' };
  const each = classified.destinations.map((d) =>
    classOf(d, kind === 'shell' ? 'http-request' : kind, policy, boundary),
  );
  let overall = widest(each);
  // A command that reaches no host stays on the machine.
  if (kind === 'shell') overall = widest([overall, 'internal']);
  if (kind === 'config-change' || kind === 'shell' || kind === 'file-write' || kind === 'file-delete') {
    const touches = classified.resources.some((r) => policy.oversightPaths.some((p) => p.test(r)));
    if (touches) overall = 'oversight';
  }
  if ((kind === 'file-write' || kind === 'config-change') && overall === 'none') overall = 'internal';
  // A message goes to someone. With no recipient found in its arguments the guard cannot place it, so it
  // counts it external, as it does any address it cannot place inside: every rule on mail leaving the
  // organisation applies, and an unknown shape is never a quiet `allow` with no rule. (Oversight is only
  // stricter for recipients the policy names, and there is no name to match.)
  if ((kind === 'message-send' || kind === 'message-forward') && classified.destinations.length === 0)
    overall = 'external';
  // So does a request that sends something (not a plain GET) with no URL in its arguments: the tool holds the
  // address, and the guard cannot tell it from any other place outside.
  if (
    kind === 'http-request' &&
    classified.destinations.length === 0 &&
    classified.reversibility === 'irreversible'
  )
    overall = 'external';
  return { each, overall };
}

function classOf(
  destination: string,
  kind: ClassifiedCall['kind'],
  policy: CompiledPolicy,
  boundary: Boundary,
): RecipientClass {
  if (policy.oversightRecipients.some((p) => p.test(destination))) return 'oversight';
  if (kind === 'file-write' || kind === 'file-read' || kind === 'file-delete') {
    return policy.oversightPaths.some((p) => p.test(destination)) ? 'oversight' : 'internal';
  }
  const host = hostOf(destination);
  if (host !== undefined) {
    if (policy.oversightHosts.some((p) => p.test(host))) return 'oversight';
    if (LOCAL_HOST.test(host)) return 'internal';
    return inside(host, destination, boundary) ? 'internal' : 'external';
  }
  const domain = domainOf(destination);
  if (domain === undefined) return 'internal'; // a channel or a name: inside the workspace
  return inside(domain, destination, boundary) ? 'internal' : 'external';
}

function inside(domain: string, destination: string, boundary: Boundary): boolean {
  if (boundary.internalDomains.some((d) => within(domain, d))) return true;
  const address = destination.trim().toLowerCase();
  return boundary.trusted.some((t) => {
    const c = t.trim().toLowerCase();
    return c.includes('@') ? address === c : within(domain, c);
  });
}

/** The host of a URL (or of `host:port`, `user@host:`), lower-case. */
function hostOf(destination: string): string | undefined {
  const d = destination.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(d)) {
    try {
      return new URL(d).hostname.toLowerCase().replace(/^\[|\]$/g, '');
    } catch {
      return undefined;
    }
  }
  if (/^[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:\/|$)/.test(d) && !d.includes('@'))
    return d.split(/[:/]/)[0]?.toLowerCase();
  return undefined;
}
