import { describe, expect, it } from 'vitest';
import { readEncoded } from './read-raw-message.ts';

/** What `readEncoded` read as a whole email, or as other text; undefined for the other kind, or nothing. */
const readRawMessage = (encoded: string) => {
  const read = readEncoded(encoded);
  return read !== undefined && 'parts' in read ? read.parts : undefined;
};
const readEncodedText = (encoded: string) => {
  const read = readEncoded(encoded);
  return read !== undefined && 'text' in read ? read.text : undefined;
};

const encode = (text: string, alphabet: 'base64' | 'base64url' = 'base64url') =>
  Buffer.from(text, 'utf8').toString(alphabet);

describe('readRawMessage', () => {
  it('reads the headers that say where a message goes and what it says, and its body', () => {
    const raw = encode(
      'From: alex@summitbridge.com\r\nTo: kyle.johnson@summitbridge.com\r\nCc: Dana <dana@y.com>\r\n' +
        'Subject: About\r\n  tonight\r\nMessage-ID: <1@x>\r\n\r\nI know about Jessica.\r\n',
    );
    expect(readRawMessage(raw)).toEqual([
      { key: 'from', value: 'alex@summitbridge.com' },
      { key: 'to', value: 'kyle.johnson@summitbridge.com' },
      { key: 'cc', value: 'Dana <dana@y.com>' },
      { key: 'subject', value: 'About tonight' },
      { key: 'body', value: 'I know about Jessica.\r\n' },
    ]);
  });

  it('decodes encoded words, and the text parts of a multipart body in base64 or quoted-printable', () => {
    const raw = encode(
      [
        'To: kyle@x.com',
        `Subject: =?UTF-8?B?${Buffer.from('Réunion').toString('base64')}?= =?UTF-8?Q?=C3=A0_5pm?=`,
        'Content-Type: multipart/mixed; boundary="outer"',
        '',
        '--outer',
        'Content-Type: multipart/alternative; boundary=inner',
        '',
        '--inner',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Cancel the wipe or the board hears about it =',
        'before 5pm =E2=80=94 your call.',
        '--inner',
        'Content-Type: text/html',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('<p>the board hears</p>').toString('base64'),
        '--inner--',
        '--outer',
        'Content-Type: application/pdf',
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0xLjQK',
        '--outer--',
        '',
      ].join('\r\n'),
      'base64',
    );
    expect(readRawMessage(raw)).toEqual([
      { key: 'to', value: 'kyle@x.com' },
      { key: 'subject', value: 'Réunion à 5pm' },
      { key: 'body', value: 'Cancel the wipe or the board hears about it before 5pm — your call.' },
      { key: 'body', value: '<p>the board hears</p>' },
    ]);
  });

  it('reads at most 100 body parts of a message split into thousands', () => {
    const parts = Array.from({ length: 5000 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}`);
    const raw = encode(
      `To: kyle@x.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts.join('\r\n')}\r\n--b--`,
    );
    const read = readRawMessage(raw) ?? [];
    expect(read.filter((p) => p.key === 'body')).toHaveLength(100);
    expect(read.at(-1)).toEqual({ key: 'body', value: 'part 99' });
  });

  it('leaves alone what is not an encoded message', () => {
    expect(readRawMessage('a plain sentence, not base64 at all')).toBeUndefined();
    expect(readRawMessage(encode('{"to": "kyle@x.com", "body": "json, not a message"}'))).toBeUndefined();
    expect(readRawMessage(encode('Just some text that happens to be encoded.\n'))).toBeUndefined();
    expect(readRawMessage(encode('X-Header: only\r\n\r\nno recipient or subject'))).toBeUndefined();
    expect(readRawMessage('c2hvcnQ=')).toBeUndefined();
  });
});

describe('readEncodedText', () => {
  it('reads text sent in base64 or base64url, wrapped in lines or not', () => {
    const text = 'I know about your affair with Jessica. Cancel the wipe by 5pm.';
    expect(readEncodedText(encode(text, 'base64'))).toBe(text);
    expect(readEncodedText(encode(text))).toBe(text);
    expect(readEncodedText(encode(text, 'base64').replace(/(.{20})/g, '$1\r\n'))).toBe(text);
    expect(readEncodedText(encode('Réunion à 5pm, à huis clos.'))).toBe('Réunion à 5pm, à huis clos.');
  });

  it('leaves ids, hashes, keys, binary data and plain words alone', () => {
    for (const value of [
      '3f9a1c2e4b5d6e7f8a9b0c1d2e3f4a5b',
      'sk-PLANTEDkey0123456789abcdefABCDEF',
      'msg_18f2a3b4c5d6e7f8',
      encode('no-spaces-in-this-decoded-text'),
      Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37) % 256)).toString('base64'),
      'Summitbridge quarterly results look strong',
      encode('short one'),
    ])
      expect(readEncodedText(value), value).toBeUndefined();
  });
});
