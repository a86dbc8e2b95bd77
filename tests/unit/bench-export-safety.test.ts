// Exports of results with hostile ids: a spreadsheet must not run them, a Markdown renderer must not
// render them as HTML or split a table on them (issue 10).
import { describe, expect, it } from 'vitest';
import { csvField, mdCell, toCsv, toMarkdown } from '../../workers/bench/result-export';
import { assembleResult } from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

const FORMULA = '=HYPERLINK("http://x","y")';
const HTML = '<img src=x onerror=alert(1)>';

const hostile = assembleResult({
  createdAt: '2025-01-02T03:04:05.000Z',
  plan: plan(),
  environment: { ...environment, userAgent: '<script>alert(2)</script>' },
  configurations: [
    configuration('webgpu', 'q4', [run({ promptId: '@SUM(A1:A9)' })], {}, FORMULA),
    configuration('wasm', 'q4', [run({ promptId: '+1|2' })], { status: 'partial', error: HTML }, HTML),
  ],
});

describe('csvField', () => {
  it('neutralises text a spreadsheet would run: a leading quote, and the cell quoted (OWASP)', () => {
    expect(csvField(FORMULA)).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe(`"'+1"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\tcmd')).toBe(`"'\tcmd"`);
    expect(csvField('\rcmd')).toBe(`"'\rcmd"`);
  });

  it('leaves ordinary text and our own numbers as they are', () => {
    expect(csvField('org/m')).toBe('org/m');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
  });

  it('writes no cell of a hostile result that starts a formula', () => {
    const cells = toCsv(hostile)
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .flatMap((row) => row.match(/("([^"]|"")*"|[^,]*)(?=,|$)/g) ?? []);
    const opened = cells.map((c) => c.replace(/^"/, ''));
    expect(opened.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(cells).toContain(`"'@SUM(A1:A9)"`);
  });
});

describe('Markdown export', () => {
  it('escapes HTML, pipes and line breaks in a cell', () => {
    expect(mdCell(HTML)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdCell('a | b\nc & d')).toBe('a \\| b c &amp; d');
  });

  it('writes no raw HTML from a hostile result', () => {
    const md = toMarkdown(hostile);
    expect(md).not.toMatch(/<(img|script)/);
    expect(md).toContain('| &lt;img src=x onerror=alert(1)&gt; | wasm | q4 | partial: &lt;img');
    expect(md).toContain('- Browser: &lt;script&gt;alert(2)&lt;/script&gt;');
  });
});
