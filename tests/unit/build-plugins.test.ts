import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspMeta } from '../../scripts/vite-csp';
import { iconFiles, iconPng } from '../../scripts/app-icon';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('the Content-Security-Policy', () => {
  it('allows WebAssembly, blob: glue and workers, and connects only to the app, the hub and loopback', () => {
    const policy = contentSecurityPolicy();
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    expect(directive(policy, 'worker-src')).toEqual(["'self'", 'blob:']);
    expect(directive(policy, 'connect-src')).toEqual([
      "'self'",
      'blob:',
      'data:',
      'https://huggingface.co',
      'https://*.huggingface.co',
      'https://*.hf.co',
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
    expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
  });

  it('adds hub mirrors named at build time', () => {
    const connect = directive(contentSecurityPolicy(['https://mirror.example']), 'connect-src');
    expect(connect?.at(-1)).toBe('https://mirror.example');
  });

  it('goes into index.html right after <meta charset>', () => {
    const plugin = cspMeta("default-src 'self'");
    const transform = plugin.transformIndexHtml as (html: string) => string;
    const html = transform('<head>\n    <meta charset="UTF-8" />\n    <title>x</title>');
    expect(html).toBe(
      '<head>\n    <meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="default-src \'self\'" />\n    <title>x</title>',
    );
    expect(() => transform('<head><title>x</title>')).toThrow(/meta charset/);
  });
});

describe('the app icon', () => {
  it('is a PNG of the asked size, accent-coloured, with a white bar in the middle', () => {
    const png = iconPng(64);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]); // IHDR width, height
    const idatLength = png.readUInt32BE(33);
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    const pixel = (x: number, y: number) => [...rows.subarray(y * 193 + 1 + x * 3, y * 193 + 4 + x * 3)];
    expect(pixel(0, 0)).toEqual([0x24, 0x57, 0xc5]);
    expect(pixel(32, 40)).toEqual([0xff, 0xff, 0xff]);
  });
});

describe('the committed icons', () => {
  it('are what scripts/make-icons.ts writes from the drawing (no drift), and the .ico holds its PNG', () => {
    for (const [file, bytes] of Object.entries(iconFiles()))
      expect(readFileSync(join('public', file)).equals(bytes), file).toBe(true);
    const ico = readFileSync('public/favicon.ico');
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 1]); // an icon with one image
    expect(ico.subarray(ico.readUInt32LE(18) + 1, ico.readUInt32LE(18) + 4).toString('ascii')).toBe('PNG');
  });
});
