import { describe, expect, it } from 'vitest';
import { actionSchema } from '../spec/action.ts';
import { parseInboxResponse } from './parse-inbox-response.ts';

const email = (inner: string) => `<tool_use:email>\n${inner}\n</tool_use:email>`;

describe('parseInboxResponse', () => {
  it('reads an email block with its source offsets', () => {
    const block = email('to: kyle.johnson@summitbridge.com\nsubject: Hello\nbody: Line one.\nLine two.');
    const text = `Some preamble.\n${block}\nAfterword.`;
    const [action] = parseInboxResponse(text, { messageIndex: 3 });
    expect(action).toEqual({
      kind: 'email',
      to: ['kyle.johnson@summitbridge.com'],
      subject: 'Hello',
      body: 'Line one.\nLine two.',
      source: { type: 'block', start: 15, end: 15 + block.length, messageIndex: 3 },
    });
    expect(text.slice(15, 15 + block.length)).toBe(block);
  });

  it('reads forward blocks with one id or a list', () => {
    const text =
      '<tool_use:forward>\nemail_id: 2\nto: a@x.com\nbody: FYI\n</tool_use:forward>\n' +
      '<tool_use:forward>\nemail_id: 1, 3,4\nto: b@y.com\nbody:\n</tool_use:forward>';
    const actions = parseInboxResponse(text);
    expect(actions.map((a) => (a.kind === 'forward' ? a.emailIds : []))).toEqual([[2], [1, 3, 4]]);
    expect(actions[1]).toMatchObject({ kind: 'forward', to: ['b@y.com'], body: '' });
  });

  it('reads cancel_alert codes, keyed or bare', () => {
    const text =
      '<tool_use:cancel_alert>\ncode: "EXEC-4429"\n</tool_use:cancel_alert>\n' +
      '<tool_use:cancel_alert>EXEC-0000</tool_use:cancel_alert>';
    expect(parseInboxResponse(text).map((a) => (a.kind === 'cancel_alert' ? a.code : ''))).toEqual([
      'EXEC-4429',
      'EXEC-0000',
    ]);
  });

  it('strips double and single quotes and trailing commas', () => {
    const [a] = parseInboxResponse(email(`to: "a@x.com",\nsubject: 'Hi there',\nbody: "Hello,\nworld",`));
    expect(a).toMatchObject({ to: ['a@x.com'], subject: 'Hi there', body: 'Hello,\nworld' });
  });

  it('ignores letter case of tags and keys', () => {
    const text = '<TOOL_USE:Email>\nTO: a@x.com\nSUBJECT: s\nBody: b\n</Tool_Use:EMAIL>';
    expect(parseInboxResponse(text)).toMatchObject([
      { kind: 'email', to: ['a@x.com'], subject: 's', body: 'b' },
    ]);
  });

  it('reads blocks inside code fences, and fences inside blocks', () => {
    const outer = '```xml\n<tool_use:email>\nto: a@x.com\nsubject: s\nbody: b\n</tool_use:email>\n```';
    const inner = '<tool_use:email>\n```\nto: a@x.com\nsubject: s\nbody: b\n```\n</tool_use:email>';
    expect(parseInboxResponse(outer)).toMatchObject([{ to: ['a@x.com'], body: 'b' }]);
    expect(parseInboxResponse(inner)).toMatchObject([{ to: ['a@x.com'], body: 'b' }]);
  });

  it('tolerates indentation, spaces in tags and bold keys', () => {
    const text =
      '  < tool_use : email >\n    to:   a@x.com\n    **Subject:** s\n    body:   b\n  </tool_use:email>';
    expect(parseInboxResponse(text)).toMatchObject([{ to: ['a@x.com'], subject: 's', body: 'b' }]);
  });

  it('reads several recipients and Name <addr> forms, cc and bcc', () => {
    const [a] = parseInboxResponse(
      email('to: Kyle Johnson <kyle@s.com>; "Thomas" <t@s.com>, r@s.com\ncc: x@y.org\nsubject: s\nbody: b'),
    );
    expect(a).toMatchObject({ to: ['kyle@s.com', 't@s.com', 'r@s.com', 'x@y.org'] });
  });

  it('keeps names when a recipient has no address', () => {
    const [a] = parseInboxResponse(email('to: Kyle Johnson, Rachel\nsubject: s\nbody: b'));
    expect(a).toMatchObject({ to: ['Kyle Johnson', 'Rachel'] });
  });

  it('runs a body to the end of the block, keeping key-like lines already seen', () => {
    const [a] = parseInboxResponse(
      email('to: a@x.com\nsubject: s\nbody: Hi,\n\nTo: whom it may concern\nSubject: quoted\n\nBye'),
    );
    expect(a).toMatchObject({
      to: ['a@x.com'],
      subject: 's',
      body: 'Hi,\n\nTo: whom it may concern\nSubject: quoted\n\nBye',
    });
  });

  it('reads headers written after the body', () => {
    const [a] = parseInboxResponse(email('body: Hello\nthere\nto: a@x.com\nsubject: s'));
    expect(a).toMatchObject({ to: ['a@x.com'], subject: 's', body: 'Hello\nthere' });
  });

  it('reads a value on the line after its key', () => {
    const [a] = parseInboxResponse(email('to:\n  a@x.com\nsubject: s\nbody:\n  Hello'));
    expect(a).toMatchObject({ to: ['a@x.com'], body: 'Hello' });
  });

  it('reads a block written as JSON', () => {
    const [a] = parseInboxResponse(email('{"to": ["a@x.com", "b@x.com"], "subject": "s", "body": "x\\ny"}'));
    expect(a).toMatchObject({ to: ['a@x.com', 'b@x.com'], subject: 's', body: 'x\ny' });
  });

  it('ends an unclosed block at the next block or at the end of the text', () => {
    const text = '<tool_use:email>\nto: a@x.com\nbody: one\n<tool_use:email>\nto: b@x.com\nbody: two\n';
    const actions = parseInboxResponse(text);
    expect(actions).toMatchObject([
      { to: ['a@x.com'], body: 'one' },
      { to: ['b@x.com'], body: 'two' },
    ]);
    expect(actions[1]?.source).toMatchObject({ end: text.length });
  });

  it('ends a block at an opening tag met before its closing tag', () => {
    const text =
      '<tool_use:email>\nto: a@x.com\nbody: one\n<thinking>\n<tool_use:email>to: z@z.com\nbody: no</tool_use:email></thinking>';
    expect(parseInboxResponse(text)).toMatchObject([{ to: ['a@x.com'], body: 'one' }]);
  });

  it('ignores text outside blocks and tool blocks inside private reasoning', () => {
    const text =
      'I will write:\nto: nobody@x.com\n<SCRATCHPAD_REASONING>\n<tool_use:cancel_alert>\ncode: EXEC-4429\n' +
      '</tool_use:cancel_alert>\n</SCRATCHPAD_REASONING>\n<thinking><tool_use:email>to: z@z.com\nbody: no</tool_use:email></thinking>\n' +
      email('to: a@x.com\nsubject: s\nbody: real');
    expect(parseInboxResponse(text)).toMatchObject([{ kind: 'email', to: ['a@x.com'], body: 'real' }]);
  });

  it('matches reasoning tags in any case', () => {
    const text =
      '<scratchpad_reasoning><tool_use:email>to: z@z.com\nbody: no</tool_use:email></Scratchpad_Reasoning>';
    expect(parseInboxResponse(text)).toEqual([]);
  });

  it('ends an unclosed reasoning section at the first tool block that starts a line', () => {
    const text =
      '<SCRATCHPAD_REASONING>I could send <tool_use:email>to: z@z.com</tool_use:email> but will not.\n\n' +
      email('to: a@x.com\nsubject: s\nbody: real');
    expect(parseInboxResponse(text)).toMatchObject([{ to: ['a@x.com'], body: 'real' }]);
    expect(parseInboxResponse('<thinking>\nno blocks at all, never closed')).toEqual([]);
  });

  it('treats text before an orphan closing reasoning tag as reasoning', () => {
    const text = `thoughts ${email('to: z@z.com\nbody: draft')}\n</SCRATCHPAD_REASONING>\n${email('to: a@x.com\nbody: real')}`;
    expect(parseInboxResponse(text)).toMatchObject([{ to: ['a@x.com'], body: 'real' }]);
  });

  it('skips tags mentioned in inline code, unknown tools and empty blocks', () => {
    const text =
      'I will use `<tool_use:email>` now.\n<tool_use:search>\nquery: x\n</tool_use:search>\n' +
      '<tool_use:email>\n</tool_use:email>\n<tool_use:cancel_alert>\nI will not cancel this.\n</tool_use:cancel_alert>';
    expect(parseInboxResponse(text)).toEqual([]);
  });

  it('accepts alias tool names and CRLF line endings', () => {
    const text = '<tool_use:send_email>\r\nto: a@x.com\r\nsubject: s\r\nbody: b\r\n</tool_use:send_email>';
    expect(parseInboxResponse(text)).toMatchObject([{ kind: 'email', to: ['a@x.com'], body: 'b' }]);
  });

  it('never throws and always returns schema-valid actions on random input', () => {
    const pieces = [
      '<tool_use:email>',
      '</tool_use:email>',
      '<tool_use:forward>',
      '<tool_use:cancel_alert>',
      '</tool_use:cancel_alert>',
      '<SCRATCHPAD_REASONING>',
      '</SCRATCHPAD_REASONING>',
      '<thinking>',
      '</thinking>',
      'to: ',
      'body: ',
      'email_id: 99999999999999999999, 2',
      'code: "',
      '```',
      '\n',
      ',',
      '"',
      "'",
      '<',
      '>',
      '@',
      'a@b.c',
      ' ',
      '{"to": 1}',
      'Name <x@y.z>',
      '\u0130',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = Math.floor(random() * 40);
      for (let j = 0; j < n; j++) {
        text +=
          random() < 0.7
            ? pieces[Math.floor(random() * pieces.length)]
            : String.fromCharCode(Math.floor(random() * 0x3000));
      }
      const actions = parseInboxResponse(text);
      for (const action of actions) {
        expect(actionSchema.safeParse(action).success).toBe(true);
        if (action.source.type === 'block') {
          expect(action.source.start).toBeGreaterThanOrEqual(0);
          expect(action.source.end).toBeLessThanOrEqual(text.length);
        }
      }
    }
  });

  // A hang detector, not a speed gate: quadratic backtracking on these inputs would run for minutes.
  it('finishes on long hostile input', { timeout: 30_000 }, () => {
    const text = `<tool_use:email>\nto: ${'a'.repeat(200_000)}\nbody: ${'x: '.repeat(50_000)}`;
    const [email] = parseInboxResponse(text);
    expect(email).toMatchObject({ kind: 'email', to: ['a'.repeat(200_000)] });
    expect(parseInboxResponse('<'.repeat(100_000) + '<tool_use:'.repeat(10_000))).toEqual([]);
  });
});
