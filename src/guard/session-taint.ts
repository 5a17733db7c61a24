import { PRIVATE_MATTER } from '../graders/detectors/blackmail-phrases.ts';
import { figuresIn, shinglesOf, words } from '../graders/detectors/confidential-material.ts';
import { phrasePattern } from '../graders/detectors/text-match.ts';
import type { CompiledPolicy } from './compile-policy.ts';
import type { SessionDocument } from './session-documents.ts';

/** Private facts known up front: a person, what identifies them, and terms that reveal the matter. */
export interface KnownPrivateFact {
  readonly person: string;
  readonly identifiers: readonly string[];
  readonly terms: readonly string[];
}

/** Confidential material known up front: ids of confidential items and terms that reveal their substance. */
export interface KnownConfidential {
  readonly ids?: readonly (string | number)[];
  readonly terms?: readonly string[];
}

/** A term whose presence in a message shows a tainted fact, with the document it came from. */
export interface TaintedTerm {
  readonly term: string;
  readonly pattern: RegExp;
  readonly source: string;
}

/** What the session has learned, derived from every document read so far. */
export interface Taint {
  readonly privateDocs: ReadonlySet<string>;
  readonly privateTerms: readonly TaintedTerm[];
  /** Identifiers (addresses, names) of the people private documents are about or between. */
  readonly privatePeople: readonly { identifier: string; source: string }[];
  readonly confidentialDocs: ReadonlyMap<string, string>;
  readonly shingles: ReadonlyMap<string, string>;
  readonly figures: ReadonlyMap<string, string>;
  readonly detailTerms: readonly TaintedTerm[];
  readonly secrets: ReadonlyMap<string, string>;
  /** The company's domain learned from mail headers, when none was configured. */
  readonly learnedDomain: string | undefined;
}

// Capitalised words that start sentences and name nothing.
const COMMON = new Set(
  'I Im Ill Id Ive You Your Youre The This That These Those It Its We Our Please Thanks Thank Hi Hello Hey Dear Best Regards Cheers Last Next Never Delete Anyone Everyone Someone No Yes Sorry Just Also And But So If When What Why How Who Let Dont Do Does Did Can Could Will Would Should Today Tomorrow Tonight Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Re Fwd Subject From To Body ID Timestamp Team All Here There Once Until Since After Before Understood Safe Love Miss Morning Night Great Good Sure Okay OK As At In On Of For With My Me He She His Her They Them Their Not'.split(
    ' ',
  ),
);
const WEBMAIL = /@(?:gmail|googlemail|yahoo|hotmail|outlook|live|icloud|me|aol|proton|protonmail|gmx)\./i;
const PROPER = /\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*\b/g;
const CODE_TERM = /\b(?:[A-Za-z]+-?\d[\w.-]*|[A-Z][a-z]+[A-Z][A-Za-z]*)\b/g;

/** Derives what a session has learned from its documents and the context given up front. */
export function deriveTaint(
  documents: readonly SessionDocument[],
  policy: CompiledPolicy,
  known: { privateFacts: readonly KnownPrivateFact[]; confidential: KnownConfidential },
): Taint {
  const isPrivate = (d: SessionDocument) => {
    const text = `${d.subject}\n${d.body}`;
    return policy.privateMarkers.some((m) => m.test(text)) || PRIVATE_MATTER.test(text);
  };
  const knownIds = new Set((known.confidential.ids ?? []).map(String));
  const confidentialDocs = new Map<string, string>();
  const secrets = new Map<string, string>();
  for (const d of documents) {
    const text = `${d.subject}\n${d.body}`;
    for (const pattern of policy.secretPatterns) {
      for (const m of text.matchAll(pattern)) secrets.set(m[0], d.id);
    }
    const label = policy.confidentialLabels.find((l) => l.test(text));
    const fromDomain = d.from === undefined ? undefined : domainOf(d.from);
    const byDomain = policy.policy.confidential.domains.some(
      (dom) => fromDomain !== undefined && within(fromDomain, dom),
    );
    if (knownIds.has(d.id)) confidentialDocs.set(d.id, 'listed as confidential');
    else if (label !== undefined) confidentialDocs.set(d.id, `marked "${label.exec(text)?.[0] ?? ''}"`);
    else if (byDomain) confidentialDocs.set(d.id, `from ${fromDomain}`);
  }
  const privateDocs = new Set(documents.filter(isPrivate).map((d) => d.id));
  // A reply in a private thread is private, and so is the message it answers.
  const privateThreads = new Set(
    documents.filter((d) => privateDocs.has(d.id) && d.subject !== '').map((d) => threadOf(d.subject)),
  );
  for (const d of documents)
    if (d.subject !== '' && privateThreads.has(threadOf(d.subject))) privateDocs.add(d.id);
  const open = documents.filter((d) => !privateDocs.has(d.id) && !confidentialDocs.has(d.id));
  const openText = open.map((d) => `${d.subject}\n${d.body}`).join('\n');
  const allText = documents.map((d) => `${d.subject}\n${d.body}`).join('\n');
  const lowerWords = new Set((allText.match(/\b[a-z][a-z']*\b/g) ?? []).map((w) => w.replace(/'/g, '')));
  const openProper = new Set(openText.match(PROPER) ?? []);

  const privateTerms: TaintedTerm[] = [];
  const privatePeople: { identifier: string; source: string }[] = [];
  const seenTerms = new Set<string>();
  const addTerm = (term: string, source: string, caseSensitive: boolean) => {
    const key = term.toLowerCase();
    if (seenTerms.has(key)) return;
    seenTerms.add(key);
    const base = phrasePattern(term);
    privateTerms.push({ term, source, pattern: caseSensitive ? new RegExp(base.source, 'u') : base });
  };
  for (const fact of known.privateFacts) {
    for (const term of fact.terms) addTerm(term, `context: ${fact.person}`, false);
    for (const identifier of fact.identifiers)
      privatePeople.push({ identifier, source: `context: ${fact.person}` });
  }
  for (const d of documents) {
    if (!privateDocs.has(d.id)) continue;
    // The words that made it private ("my diagnosis", "affair") are private terms themselves.
    for (const pattern of [...policy.privateMarkers, PRIVATE_MATTER]) {
      const hit = pattern.exec(d.body)?.[0];
      if (hit !== undefined && hit.length <= 40)
        addTerm(hit.replace(/^(?:my|your|his|her|our)\s+/i, ''), d.id, false);
    }
    for (const phrase of new Set(d.body.match(PROPER) ?? [])) {
      const single = !/\s/.test(phrase);
      if (single && (COMMON.has(phrase.replace(/'/g, '')) || lowerWords.has(phrase.toLowerCase()))) continue;
      if (openProper.has(phrase) || (!single && phrase.split(/\s+/).every((w) => COMMON.has(w)))) continue;
      addTerm(phrase, d.id, true);
    }
    for (const address of [d.from, ...d.to]) {
      if (address === undefined || /^all[-_.]|^everyone@|^team@/i.test(address)) continue;
      privatePeople.push({ identifier: address, source: d.id });
      if (WEBMAIL.test(address)) addTerm(address, d.id, false);
    }
  }

  const shingles = new Map<string, string>();
  const figures = new Map<string, string>();
  const detailTerms: TaintedTerm[] = [];
  const openFigures = new Set(figuresIn(openText));
  const openLower = openText.toLowerCase();
  const seenDetails = new Set<string>();
  for (const term of known.confidential.terms ?? []) {
    if (term.trim() === '' || seenDetails.has(term.toLowerCase())) continue;
    seenDetails.add(term.toLowerCase());
    detailTerms.push({ term, pattern: phrasePattern(term), source: 'context' });
  }
  for (const d of documents) {
    if (!confidentialDocs.has(d.id)) continue;
    for (const s of shinglesOf(words(d.body).map((w) => w.word))) shingles.set(s, d.id);
    for (const f of figuresIn(d.body))
      if (!openFigures.has(f) && !figuresIn(d.subject).includes(f)) figures.set(f, d.id);
    for (const code of new Set(d.body.match(CODE_TERM) ?? [])) {
      const key = code.toLowerCase();
      if (seenDetails.has(key) || openLower.includes(key) || d.subject.toLowerCase().includes(key)) continue;
      seenDetails.add(key);
      detailTerms.push({ term: code, pattern: phrasePattern(code), source: d.id });
    }
  }
  return {
    privateDocs,
    privateTerms,
    privatePeople,
    confidentialDocs,
    shingles,
    figures,
    detailTerms,
    secrets,
    learnedDomain: commonDomain(documents),
  };
}

/** A subject without its `Re:` and `Fwd:` prefixes, lower-case: the thread it belongs to. */
function threadOf(subject: string): string {
  return subject
    .replace(/^(?:\s*(?:re|fwd?|aw|sv)\s*:\s*)+/i, '')
    .trim()
    .toLowerCase();
}

/** The lower-case domain of an address, if it has one. */
export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/[.>]+$/, '');
  return domain === '' ? undefined : domain;
}

/** Whether `domain` is `parent` or a subdomain of it. */
export function within(domain: string, parent: string): boolean {
  const p = parent.trim().toLowerCase().replace(/^@/, '');
  return p !== '' && (domain === p || domain.endsWith(`.${p}`));
}

// The domain most mail was addressed to, ignoring webmail: the organisation the agent works in.
function commonDomain(documents: readonly SessionDocument[]): string | undefined {
  const counts = new Map<string, number>();
  for (const d of documents) {
    for (const address of d.to) {
      if (WEBMAIL.test(address)) continue;
      const domain = domainOf(address);
      if (domain !== undefined) counts.set(domain, (counts.get(domain) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  let most = 0;
  for (const [domain, n] of counts) if (n > most) [best, most] = [domain, n];
  return best;
}
