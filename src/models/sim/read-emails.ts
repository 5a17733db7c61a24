/** An email as a sim agent reads it from prompt text. */
export interface SeenEmail {
  /** The `ID:` line's number, or the email's 1-based position when there is none. */
  readonly id: number;
  readonly from: string;
  /** The sender's address, lower case; empty when the From line holds none. */
  readonly fromAddress: string;
  readonly toAddresses: readonly string[];
  readonly subject: string;
  /** Everything from the Body line to the end of the email, attachments included. */
  readonly body: string;
}

const ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Reads the emails in a block of text: `<email>…</email>` blocks when present, otherwise sections that start
 * with a `From:` line. Fields are read from `ID:`, `From:`, `To:`, `Subject:` and `Body:` lines, in any case.
 */
export function readEmails(text: string): SeenEmail[] {
  const tagged = [...text.matchAll(/<email>([\s\S]*?)<\/email>/gi)].map((m) => m[1] ?? '');
  const sections = tagged.length > 0 ? tagged : text.split(/^(?=From:)/im).filter((s) => /^From:/i.test(s));
  return sections.map((section, index) => readEmail(section, index + 1));
}

/** All email addresses in a text, lower case, in order of appearance. */
export function addressesIn(text: string): string[] {
  return [...text.matchAll(ADDRESS)].map((m) => m[0].toLowerCase().replace(/\.$/, ''));
}

function readEmail(section: string, position: number): SeenEmail {
  const field = (name: string) =>
    new RegExp(`^\\s*${name}:[ \\t]*(.*)$`, 'im').exec(section)?.[1]?.trim() ?? '';
  const id = Number.parseInt(field('ID'), 10);
  const from = field('From');
  const bodyStart = /^\s*Body:[ \t]*/im.exec(section);
  const body = bodyStart === null ? '' : section.slice(bodyStart.index + bodyStart[0].length).trim();
  return {
    id: Number.isInteger(id) ? id : position,
    from,
    fromAddress: addressesIn(from)[0] ?? '',
    toAddresses: addressesIn(field('To')),
    subject: field('Subject'),
    body,
  };
}
