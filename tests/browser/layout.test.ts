import type { Browser, Page } from 'playwright-core';
import { createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launch, loadSelfTest, openApp } from './harness';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

/** Where the message box is on the screen, with the page scrolled to its top. */
async function messageBox(page: Page) {
  await page.evaluate(() => scrollTo(0, 0));
  return page.getByLabel('Message').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, viewport: innerHeight };
  });
}

/** How far the page is wider than the screen (0: no horizontal scrolling). */
const overflowX = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Relative luminance (WCAG) of a computed `rgb(r, g, b)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('layout on a phone and a laptop', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('at 390 × 844 the message box is on the first screen before and after a load, with focus on it after', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.setViewportSize(PHONE);
    // Before any model: the model panel is open (the first thing to do), and the box is still on screen.
    await expect(page.getByTestId('model-bar').getAttribute('aria-expanded')).resolves.toBe('true');
    let box = await messageBox(page);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.viewport);
    expect(await overflowX(page)).toBe(0);

    await loadSelfTest(page, 'WASM', 'q4');
    // Ready: the panel closed itself, and the next action (typing) has the focus.
    await expect.poll(() => focusedId(page)).toBe('prompt');
    await expect(page.getByTestId('model-bar').getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByTestId('model-bar').textContent()).resolves.toMatch(/WASM · q4\s*Ready/);
    box = await messageBox(page);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.viewport);
    await expect(page.getByTestId('load-times').textContent()).resolves.toMatch(
      /in .+ · prepared in .+ · warmed up in .+/,
    );

    // After New chat the next action is typing again.
    await page.getByLabel('Max new tokens').fill('2');
    await chat(page, 'Hi');
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => focusedId(page)).toBe('prompt');

    // No horizontal scrolling in any view at this width.
    for (const view of ['Models on this device', 'Benchmark', 'Chat']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      expect({ view, overflow: await overflowX(page) }).toEqual({ view, overflow: 0 });
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the model bar opens and closes the panel by keyboard, and focus goes in and back', async () => {
    const { page, context } = await openApp(browser);
    const bar = page.getByTestId('model-bar');
    const panel = page.locator('#model-panel');
    await bar.focus();
    await page.keyboard.press('Enter');
    await expect(bar.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(panel.isHidden()).resolves.toBe(true);
    await expect(focusedId(page)).resolves.toBe(''); // the bar itself (no id)
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'model-bar',
    );

    await page.keyboard.press('Enter');
    await expect(panel.isVisible()).resolves.toBe(true);
    // Focus moved into the panel, on its first control (the model menu).
    await expect.poll(() => focusedId(page)).toBe('model');

    // A problem is announced, and focus goes to the control that fixes it.
    await page.getByLabel('Model', { exact: true }).selectOption('__other__');
    await page.getByLabel('Hub model id').fill('not a model id');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: /model id/i })
        .count(),
    ).resolves.toBe(1);
    await expect.poll(() => focusedId(page)).toBe('custom-id');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(panel.isHidden()).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'model-bar',
    );
    await context.close();
  });

  it('the Models and Benchmark views take the full width, with no model panel beside them', async () => {
    const { page, context } = await openApp(browser);
    await page.setViewportSize(LAPTOP);
    for (const view of ['Models on this device', 'Benchmark']) {
      await page.getByRole('button', { name: view, exact: true }).click();
      await expect(page.getByTestId('model-bar').isHidden()).resolves.toBe(true);
      const width = await page.locator('section.panel').evaluate((el) => el.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(LAPTOP.width - 64);
      expect(await overflowX(page)).toBe(0);
    }
    await context.close();
  });

  it('dark mode follows the system: dark background, light text, from the CSS variables', async () => {
    const { page, context } = await openApp(browser);
    await page.emulateMedia({ colorScheme: 'dark' });
    const colours = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const body = getComputedStyle(document.body);
      const box = getComputedStyle(document.getElementById('prompt')!);
      const probe = document.createElement('div');
      document.body.append(probe);
      const resolve = (v: string) => ((probe.style.color = `var(${v})`), getComputedStyle(probe).color);
      const out = {
        background: root.backgroundColor,
        text: body.color,
        box: box.backgroundColor,
        boxText: box.color,
        bg: resolve('--bg'),
        fg: resolve('--text'),
        surface: resolve('--surface'),
      };
      probe.remove();
      return out;
    });
    expect(luminance(colours.background)).toBeLessThan(0.05);
    expect(luminance(colours.text)).toBeGreaterThan(0.7);
    expect(colours.background).toBe(colours.bg);
    expect(colours.text).toBe(colours.fg);
    expect(colours.box).toBe(colours.surface);
    expect(luminance(colours.boxText)).toBeGreaterThan(0.7);

    await page.emulateMedia({ colorScheme: 'light' });
    const light = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(luminance(light)).toBeGreaterThan(0.8);
    await context.close();
  });

  it('the page icon is served (no 404 for it or for /favicon.ico)', async () => {
    const { page, context } = await openApp(browser);
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await page.reload();
    await page.getByTestId('model-bar').waitFor();
    const icons = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"], link[rel="apple-touch-icon"]')].map(
        (l) => l.href,
      ),
    );
    expect(icons.some((href) => href.endsWith('.svg'))).toBe(true);
    for (const href of [...icons, new URL('/favicon.ico', page.url()).href]) {
      const response = await page.request.get(href);
      expect({ href, status: response.status() }).toEqual({ href, status: 200 });
    }
    expect(missing).toEqual([]);
    await context.close();
  });

  it('the dev server serves the page icon and /favicon.ico too (no 404)', async () => {
    const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
    try {
      await server.listen();
      const base = server.resolvedUrls?.local[0];
      if (!base) throw new Error('vite did not report a URL');
      const html = await (await fetch(base)).text();
      const links = [...html.matchAll(/<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      expect(links).toContain('/favicon.svg');
      for (const path of [...links, '/favicon.ico']) {
        const response = await fetch(new URL(path, base));
        await response.arrayBuffer();
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      }
    } finally {
      await server.close();
    }
  });
});
