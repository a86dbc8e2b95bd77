import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The custom properties of each colour scheme in src/app.css: the first :root block, then the dark one. */
function schemes(): { light: Map<string, string>; dark: Map<string, string> } {
  const css = readFileSync('src/app.css', 'utf8');
  const props = (block: string) =>
    new Map([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const light = /:root\s*{([^}]*)}/.exec(css)?.[1] ?? '';
  const dark = /prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{([^}]*)}/.exec(css)?.[1] ?? '';
  return { light: props(light), dark: props(dark) };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

/** Text colour on the backgrounds it is drawn on in the app. */
const PAIRS: [string, string][] = [
  ['--text', '--bg'],
  ['--text', '--surface'],
  ['--muted', '--bg'],
  ['--muted', '--surface'],
  ['--link', '--surface'],
  ['--on-accent', '--accent'],
  ['--danger', '--danger-bg'],
  ['--danger', '--surface'],
  ['--ok-text', '--ok-bg'],
  ['--ok-text', '--surface'],
  ['--warn-text', '--warn-bg'],
  ['--text', '--ok-bg'],
  ['--text', '--warn-bg'],
  ['--text', '--info-bg'],
  ['--text', '--bubble-user'],
  ['--text', '--bubble-model'],
  ['--muted', '--bubble-model'],
];

describe('colour contrast of text in both schemes', () => {
  const { light, dark } = schemes();
  for (const [name, scheme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`${name}: every text pair is at least 4.5:1`, () => {
      expect(scheme.size).toBeGreaterThan(10);
      const low = PAIRS.map(([fg, bg]) => {
        const [a, b] = [scheme.get(fg), scheme.get(bg)];
        if (!a || !b) throw new Error(`${fg} or ${bg} is missing in the ${name} scheme`);
        return { fg, bg, ratio: Math.round(contrast(a, b) * 100) / 100 };
      }).filter((p) => p.ratio < 4.5);
      expect(low).toEqual([]);
    });
  }
});
