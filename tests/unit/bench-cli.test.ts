import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../workers/bench/result-schema';
import { baselineRatios, baselineSection } from '../../scripts/bench/baseline';
import { chatRatios, chatSection } from '../../scripts/bench/chat-report';
import { configKeyOf } from '../../scripts/bench/drive';
import { descendantRss } from '../../scripts/bench/memory';
import { OptionError, parseOptions } from '../../scripts/bench/options';

describe('npm run bench options', () => {
  it('defaults to a quick self-test plan on both backends with software WebGPU', () => {
    expect(parseOptions([])).toEqual({
      model: 'selftest',
      backends: ['webgpu', 'wasm'],
      dtypes: ['fp32'],
      promptIds: ['fact-short'],
      prompts: ['Short factual question'],
      reps: 2,
      tokens: 8,
      warmup: 1,
      out: 'bench-results',
      webgpu: 'swiftshader',
      browser: '/usr/bin/chromium',
      connect: null,
      baseline: false,
      chat: false,
    });
  });

  it('reads every option, maps prompt ids to the titles the form shows, and q8 for other models', () => {
    const o = parseOptions([
      '--model=gen:qwen2.5-0.5b',
      '--backends',
      'wasm',
      '--prompts',
      'fact-short,length-128',
      '--reps=3',
      '--tokens=16',
      '--warmup=0',
      '--out=x',
      '--webgpu=off',
      '--connect=ws://h:1/',
      '--baseline',
      '--chat',
    ]);
    expect(o).toMatchObject({ model: 'gen:qwen2.5-0.5b', backends: ['wasm'], dtypes: ['q8'] });
    expect(o?.prompts).toEqual(['Short factual question', '~128 prompt tokens']);
    expect([o?.reps, o?.tokens, o?.warmup, o?.webgpu, o?.connect, o?.baseline, o?.chat]).toEqual([
      3,
      16,
      0,
      'off',
      'ws://h:1/',
      true,
      true,
    ]);
  });

  it('answers --help with null', () => {
    expect(parseOptions(['--help'])).toBeNull();
  });

  it.each([
    [['--reps=0'], /--reps must be a whole number from 1 to 100/],
    [['--tokens=1'], /--tokens must be a whole number from 2/],
    [['--backends=cuda'], /--backends takes webgpu and\/or wasm/],
    [['--webgpu=yes'], /--webgpu must be gpu, swiftshader or off/],
    [['--dtypes=int3'], /--dtypes takes/],
    [['--prompts=nope'], /no prompt "nope"/],
    [['--model=../etc'], /--model must be/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('refuses %j with one readable line', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(OptionError);
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

describe('npm run bench helpers', () => {
  it('reads the configuration a progress line names', () => {
    expect(configKeyOf('Run 1 of 4 · selftest on WebGPU (fp32) · prompt fact-short')).toBe(
      'selftest|webgpu|fp32',
    );
    expect(configKeyOf('Checking this device…')).toBeNull();
  });

  it('sums the resident memory of child processes', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('sleep', ['5']);
    await new Promise((resolve) => child.once('spawn', resolve));
    try {
      expect(descendantRss()).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});

describe('npm run bench --baseline', () => {
  const app = (runs: [string, number, number, number[]][]) =>
    ({
      configurations: [
        {
          config: { key: 'm|wasm|q8' },
          runs: runs.map(([promptId, ttftMs, decode, tokenIds]) => ({
            promptId,
            ttftMs,
            decodeTokensPerSecond: decode,
            tokenIds,
          })),
        },
      ],
    }) as unknown as BenchResult;
  const bare = (runs: [string, number, number, number[]][]) =>
    new Map([
      [
        'm|wasm|q8',
        runs.map(([promptId, ttftMs, decodeTokensPerSecond, tokenIds]) => ({
          promptId,
          ttftMs,
          decodeTokensPerSecond,
          tokenIds,
        })),
      ],
    ]);

  it('pairs app and bare runs by block and prompt, whatever their order, and counts identical tokens', () => {
    const [r] = baselineRatios([
      {
        app: app([
          ['a', 200, 10, [1, 2]],
          ['b', 400, 20, [3]],
        ]),
        bare: bare([
          ['b', 200, 20, [3]],
          ['a', 100, 10, [1, 9]],
        ]),
      },
    ]);
    expect(r?.ttft?.ratio).toBeCloseTo(2);
    expect(r?.decode?.ratio).toBeCloseTo(1);
    expect(r?.identical).toEqual([1, 2]);
    expect(baselineSection([r!], 1).join('\n')).toContain('| m · wasm · q8 | 1.00×');
  });
});

describe('npm run bench --chat', () => {
  const view = (runs: [string, number, number][]) =>
    ({
      configurations: [
        {
          config: { key: 'm|wasm|q8' },
          runs: runs.map(([promptId, ttftMs, decodeTokensPerSecond]) => ({
            promptId,
            ttftMs,
            decodeTokensPerSecond,
            tokenIds: [1, 2],
          })),
        },
      ],
    }) as unknown as BenchResult;
  const chat = (runs: [string, number, number][], ttfts: number[]) =>
    new Map([
      [
        'm|wasm|q8',
        {
          runs: runs.map(([promptId, ttftMs, decodeTokensPerSecond]) => ({
            promptId,
            ttftMs,
            decodeTokensPerSecond,
            tokenIds: [1, 2],
            promptTokens: 9,
            reusedTokens: 0,
          })),
          turns: ttfts.map((ttftMs) => ({
            ttftMs,
            decodeTokensPerSecond: 1,
            tokenIds: [],
            promptTokens: 9,
            reusedTokens: 0,
          })),
        },
      ],
    ]);

  it('gives chat ÷ view per block and prompt, and turn 6 ÷ turn 1 with an interval over blocks', () => {
    const [r] = chatRatios([
      { app: view([['a', 100, 20]]), chat: chat([['a', 110, 19]], [100, 90, 95, 100, 105, 110]) },
      { app: view([['a', 200, 10]]), chat: chat([['a', 220, 9.5]], [200, 150, 150, 180, 190, 260]) },
    ]);
    expect(r?.ttft?.ratio).toBeCloseTo(1.1);
    expect(r?.decode?.ratio).toBeCloseTo(0.95);
    expect(r?.laterTurn?.ratio).toBeCloseTo(Math.sqrt(1.1 * 1.3));
    expect(r?.laterTurn?.ci95).not.toBeNull();
    // Turn 6 against turn 2: 110/90 and 260/150.
    expect(r?.laterTurnVsSecond?.ratio).toBeCloseTo(Math.sqrt((110 / 90) * (260 / 150)));
    expect(r?.identical).toEqual([2, 2]);
    expect(chatSection([r!], 2).join('\n')).toContain('| m · wasm · q8 | 0.95×');
  });

  it('says there is nothing to compare when the chat gave no runs', () => {
    const [r] = chatRatios([{ app: view([['a', 100, 20]]), chat: new Map() }]);
    expect([r?.ttft, r?.decode, r?.laterTurn]).toEqual([null, null, null]);
    expect(chatSection([r!], 1).join('\n')).toContain('no runs to compare');
  });
});
