import { describe, expect, it } from 'vitest';
import { deviceName, deviceTitles, resultTitle } from '../../src/lib/bench/result-title';
import { assembleResult } from '../../workers/bench/summarize';
import { environment, plan } from './bench-fixtures';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
  'Version/17.5 Mobile/15E148 Safari/604.1';
const EDGE_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 ' +
  'Safari/537.36 Edg/131.0.2903.86';

describe('deviceName', () => {
  it('names browser, system and GPU from the recorded environment', () => {
    expect(deviceName({ ...environment, userAgent: CHROME_LINUX })).toBe(
      'Chrome 131 on Linux, acme rdna9 GPU',
    );
    expect(deviceName({ ...environment, userAgent: EDGE_WINDOWS })).toBe(
      'Edge 131 on Windows, acme rdna9 GPU',
    );
    const noGpu = { ...environment.capabilities.webgpu, available: false, adapter: undefined };
    expect(
      deviceName({
        ...environment,
        userAgent: SAFARI_IPHONE,
        capabilities: { ...environment.capabilities, webgpu: noGpu },
      }),
    ).toBe('Safari 17 on iOS, no WebGPU');
    expect(deviceName({ ...environment, userAgent: 'curl/8' })).toBe('Unknown browser, acme rdna9 GPU');
  });
});

describe('resultTitle', () => {
  it('is the device and the start time, so two results are told apart', () => {
    const at = (createdAt: string) =>
      assembleResult({
        createdAt,
        plan: plan(),
        environment: { ...environment, userAgent: CHROME_LINUX },
        configurations: [],
      });
    const utc = (ms: number) => new Date(ms).toISOString();
    expect(resultTitle(at('2025-01-02T03:04:05.000Z'), utc)).toBe(
      'Chrome 131 on Linux, acme rdna9 GPU · 2025-01-02T03:04:05.000Z',
    );
    expect(resultTitle(at('2025-01-02T03:04:06.000Z'), utc)).not.toBe(
      resultTitle(at('2025-01-02T03:04:05.000Z'), utc),
    );
  });
});

describe('deviceTitles', () => {
  it('names each result by its device, adding the date only where two share one', () => {
    const at = (createdAt: string, userAgent: string) =>
      assembleResult({
        createdAt,
        plan: plan(),
        environment: { ...environment, userAgent },
        configurations: [],
      });
    const time = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const titles = deviceTitles(
      [
        at('2025-01-02T00:00:00.000Z', CHROME_LINUX),
        at('2025-01-03T00:00:00.000Z', EDGE_WINDOWS),
        at('2025-01-04T00:00:00.000Z', CHROME_LINUX),
      ],
      time,
    );
    expect(titles).toEqual([
      'Chrome 131 on Linux, acme rdna9 GPU · 2025-01-02',
      'Edge 131 on Windows, acme rdna9 GPU',
      'Chrome 131 on Linux, acme rdna9 GPU · 2025-01-04',
    ]);
  });
});
