import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chat, launch, loadSelfTest } from './harness';
import { scriptReply } from '../../scripts/scripted-reply';

type Watched = Window & { __xss?: number; __violations?: string[]; __states?: string[] };

const CODE = 'def greet(name):\n    return f"Hello, {name}!"';

const FORMATTED = [
  '## Plan',
  '',
  'Some **bold** text and `inline code`.',
  '',
  '- first',
  '- second',
  '',
  '3. three',
  '4. four',
  '',
  '> quoted words',
  '',
  '| Backend | Speed |',
  '| --- | ---: |',
  '| WebGPU | 40 |',
  '| WASM | 12 |',
  '',
  '```python',
  CODE,
  '```',
].join('\n');

describe('replies render as Markdown, safely', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launch({ webgpu: false });
    context = await browser.newContext({ serviceWorkers: 'block' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Anything hostile that ran, and any request the page's CSP refused, leave a mark here.
    await context.addInitScript(() => {
      const w = window as Watched;
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations!.push(e.blockedURI));
    });
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(inject('appUrl'));
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('40');
  });
  afterAll(() => browser?.close());

  it('shows headings, lists, a table, a quote and highlighted code; Copy puts the code on the clipboard', async () => {
    await scriptReply(page, [FORMATTED]);
    const reply = await chat(page, 'Format something');
    const md = reply.getByTestId('reply-markdown');
    await expect(md.locator('h2').textContent()).resolves.toBe('Plan');
    await expect(md.locator('strong').textContent()).resolves.toBe('bold');
    await expect(md.locator('p > code').textContent()).resolves.toBe('inline code');
    await expect(md.locator('ul > li').allTextContents()).resolves.toEqual(['first', 'second']);
    await expect(md.locator('ol > li').allTextContents()).resolves.toEqual(['three', 'four']);
    await expect(md.locator('ol').getAttribute('start')).resolves.toBe('3');
    await expect(md.locator('blockquote').textContent()).resolves.toMatch(/quoted words/);
    await expect(md.locator('th').allTextContents()).resolves.toEqual(['Backend', 'Speed']);
    await expect(md.locator('td').allTextContents()).resolves.toEqual(['WebGPU', '40', 'WASM', '12']);
    await expect(md.locator('td').nth(1).getAttribute('align')).resolves.toBe('right');

    const block = md.getByTestId('code-block');
    await expect(block.locator('figcaption').textContent()).resolves.toMatch(/python/);
    await expect(block.locator('pre code').textContent()).resolves.toBe(CODE);
    await expect(block.locator('.hljs-keyword').first().textContent()).resolves.toBe('def');
    await expect(block.locator('.hljs-string').count()).resolves.toBeGreaterThan(0);

    const copy = block.getByRole('button', { name: 'Copy code' });
    await copy.click();
    await expect.poll(() => block.locator('button.copy').textContent()).toBe('Copied');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(CODE);
  });

  it('hostile output: nothing runs, nothing is fetched, only http(s) and mailto become links', async () => {
    const base = new URL(inject('appUrl'));
    // Same-origin canaries: the CSP would allow these, so only the renderer stands between them and a fetch.
    const canary = (name: string) => new URL(`canary-${name}`, base).href;
    const hostile = [
      '<script>window.__xss = 1</script>',
      `<img src="${canary('raw-img.png')}" onerror="window.__xss = 2">`,
      '',
      `Links: [js](javascript:window.__xss=3) [data](data:text/html,<script>parent.__xss=4</script>)`,
      `[relative](/settings) [ftp](ftp://example.com/f) [safe](https://example.com/page) [mail](mailto:a@example.com)`,
      `[tabbed](java\tscript:window.__xss=5)`,
      '',
      `![a cat](${canary('md-img.png')})`,
      '',
      `<iframe src="${canary('frame.html')}"></iframe>`,
      '',
      `<style>@import url("${canary('style.css')}"); body { display: none }</style>`,
      '',
      `<svg onload="window.__xss = 6"><image href="${canary('svg-img.png')}" /></svg>`,
      '',
      '<math><mi>x</mi></math> <form action="/x"><input name="q"><button>go</button></form>',
      '',
      `<a href="https://example.com/raw" onclick="window.__xss = 7">raw link</a>`,
      '',
      '<details open><summary>s</summary><div style="position:fixed">styled</div></details>',
    ].join('\n');
    await scriptReply(page, [hostile]);
    const reply = await chat(page, 'Be hostile');
    const md = reply.getByTestId('reply-markdown');
    await expect(md.textContent()).resolves.toMatch(/\[image: a cat\]/);

    const forbidden =
      'script, img, iframe, style, svg, math, form, input, button, details, div, object, embed';
    await expect(md.locator(forbidden).count()).resolves.toBe(0);
    const withHandlersOrStyle = await md.evaluate(
      (root) =>
        [...root.querySelectorAll('*')].filter((el) =>
          [...el.attributes].some((a) => a.name.startsWith('on') || a.name === 'style'),
        ).length,
    );
    expect(withHandlersOrStyle).toBe(0);

    // The raw HTML shows as text, as written.
    await expect(md.textContent()).resolves.toContain('<script>window.__xss = 1</script>');
    await expect(md.textContent()).resolves.toContain('onclick="window.__xss = 7"');

    const links = await md
      .locator('a')
      .evaluateAll((as) =>
        as.map((a) => [a.textContent, ...['href', 'target', 'rel'].map((n) => a.getAttribute(n))]),
      );
    expect(links).toEqual([
      ['safe', 'https://example.com/page', '_blank', 'noopener noreferrer'],
      ['mail', 'mailto:a@example.com', '_blank', 'noopener noreferrer'],
    ]);
    for (const text of ['js', 'data', 'relative', 'ftp', 'tabbed'])
      await expect(md.textContent()).resolves.toContain(text);

    // A round trip through two frames: anything the DOM would have fetched has started by now.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(requests.filter((url) => url.includes('canary-') || url.includes('example.com'))).toEqual([]);
    await expect(page.evaluate(() => (window as Watched).__xss)).resolves.toBeUndefined();
    await expect(page.evaluate(() => (window as Watched).__violations)).resolves.toEqual([]);
  });

  it('Raw text shows exactly what the model wrote, and switches back', async () => {
    const text = '# Title\n\n* a <b>\n\n```\nx < y\n```';
    await scriptReply(page, [text]);
    const reply = await chat(page, 'Show me raw');
    const toggle = reply.getByRole('button', { name: 'Raw text' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(reply.getByTestId('reply-raw').textContent()).resolves.toBe(text);
    await expect(reply.getByTestId('reply-markdown').count()).resolves.toBe(0);
    await toggle.click();
    await expect(reply.getByTestId('reply-markdown').locator('h1').textContent()).resolves.toBe('Title');
  });

  it('while streaming, an unclosed code fence already shows as code and finished blocks are left alone', async () => {
    const intro = 'Here is the code:';
    const open = `${intro}\n\n\`\`\`python\n${CODE}`;
    const done = `${open}\n\`\`\`\n\nThat is all.`;
    // The half-written state lasts many tokens, so the page shows it for a frame or more.
    await scriptReply(page, [intro, ...Array<string>(30).fill(open), done]);
    await page.evaluate(() => {
      const w = window as Watched;
      w.__states = [];
      new MutationObserver(() => {
        const reply = [...document.querySelectorAll('article[data-role="assistant"]')].at(-1);
        const md = reply?.querySelector('[data-testid="reply-markdown"]');
        if (md && reply?.getAttribute('aria-busy') === 'true') w.__states!.push(md.innerHTML);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const reply = await chat(page, 'Stream code', { wait: false });
    const md = reply.getByTestId('reply-markdown');
    await expect.poll(() => md.locator('p').first().textContent(), { timeout: 60_000 }).toBe(intro);
    // Mark the intro's element: if each update re-rendered everything, the mark would be gone.
    await md
      .locator('p')
      .first()
      .evaluate((p) => p.setAttribute('data-seen', ''));
    await reply.getByTestId('reply-stats').waitFor({ timeout: 120_000 });

    const states = await page.evaluate(() => (window as Watched).__states!);
    const partial = states.filter((html) => html.includes('code-block') && !html.includes('That is all'));
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((html) => !html.includes('```'))).toBe(true);
    await expect(md.locator('p[data-seen]').count()).resolves.toBe(1);
    await expect(md.locator('p').first().getAttribute('data-seen')).resolves.toBe('');
    await expect(md.getByTestId('code-block').locator('pre code').textContent()).resolves.toBe(CODE);
    await expect(reply.getAttribute('aria-busy')).resolves.toBe('false');
  });
});
