import { describe, expect, it } from 'vitest';
import { escapeHtml, html, safe } from './escape-html.ts';

describe('escapeHtml', () => {
  it('leaves no character that opens a tag or closes an attribute', () => {
    const out = escapeHtml(`<script>alert("x")</script><img src=x onerror='y'>\`&`);
    expect(out).not.toMatch(/[<>"'`]/);
    expect(out).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;y&#39;&gt;&#96;&amp;',
    );
  });
});

describe('html', () => {
  it('escapes values but keeps SafeHtml and arrays of it', () => {
    const row = html`<td>${'<b>'}</td>${[safe('<i>ok</i>'), '<u>']}${null}${false}${3}`;
    expect(row.html).toBe('<td>&lt;b&gt;</td><i>ok</i>&lt;u&gt;3');
  });

  it('does not take a plain object with an html field for markup', () => {
    expect(html`${{ html: '<script>' }}`.html).toBe('[object Object]');
  });
});
