import { describe, expect, it } from 'vitest';
import { escapeHtml, html, queryString, SafeHtml } from './html.ts';

describe('escapeHtml and html', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;',
    );
  });

  it('escapes every interpolated value, arrays included, and trusts only SafeHtml', () => {
    const model = '<script>alert(1)</script>';
    const out = html`<td title="${'" onmouseover="x'}">${model}</td>${[model, html`<b>${model}</b>`]}${null}${false}`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.html).toBe(
      '<td title="&quot; onmouseover=&quot;x">&lt;script&gt;alert(1)&lt;/script&gt;</td>' +
        '&lt;script&gt;alert(1)&lt;/script&gt;<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>',
    );
  });

  it('builds query strings that drop empty values and encode the rest', () => {
    expect(queryString({ model: 'sim/random:0.3', outcome: '', after: 5, tag: undefined })).toBe(
      '?model=sim%2Frandom%3A0.3&after=5',
    );
    expect(queryString({})).toBe('');
  });
});
