import { describe, expect, it } from 'vitest';
import { languageOf } from '../../src/lib/markdown/highlight';
import { escapeHtml, safeHref } from '../../src/lib/markdown/links';

describe('links in model output', () => {
  it('keeps http, https and mailto, normalised', () => {
    expect(safeHref('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeHref(' HTTP://Example.com ')).toBe('http://example.com/');
    expect(safeHref('mailto:a@example.com')).toBe('mailto:a@example.com');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/f',
    '/relative/path',
    '//example.com/protocol-relative',
    '#fragment',
    'https://bank.example@evil.example/',
    '',
  ])('refuses %j', (href) => {
    expect(safeHref(href)).toBeNull();
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('a code fence language', () => {
  it('takes the first word of the info string, lower-cased', () => {
    expect(languageOf('Python title="x"')).toBe('python');
    expect(languageOf('c++')).toBe('c++');
  });
  it('drops anything that is not a plain name', () => {
    expect(languageOf('"><script>')).toBe('');
    expect(languageOf('x'.repeat(40))).toBe('');
    expect(languageOf(undefined)).toBe('');
  });
});
