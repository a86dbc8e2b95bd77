// What a result panel is called: the device it ran on and when, so two panels side by side (this tab's
// run and an imported file from a phone) can be told apart at a glance.
import type { BenchEnvironment, BenchResult } from '../../../workers/bench/result-schema';
import { localTime } from './prepare';

const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Windows/, 'Windows'],
  [/Linux/, 'Linux'],
];
// NOTE: order matters: Edge and Opera also say Chrome, and Chrome also says Safari.
const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
];

/** "Chrome 131 on Linux, nvidia ampere GPU": browser, system and WebGPU adapter, from what was recorded. */
export function deviceName({ userAgent, capabilities }: BenchEnvironment): string {
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  const browser = BROWSERS.map(([re, name]) => [userAgent.match(re), name] as const).find(([m]) => m);
  const who = browser ? `${browser[1]} ${browser[0]?.[1] ?? ''}`.trim() : 'Unknown browser';
  const { available, adapter } = capabilities.webgpu;
  const gpu = `${adapter?.vendor ?? ''} ${adapter?.architecture ?? ''}`.trim();
  const webgpu = !available ? 'no WebGPU' : gpu ? `${gpu} GPU` : 'unnamed GPU';
  return `${who}${system ? ` on ${system}` : ''}, ${webgpu}`;
}

/** "Chrome 131 on Linux, nvidia ampere GPU · 29/11/2026, 13:30:05": a panel's title. */
export function resultTitle(result: BenchResult, time: (ms: number) => string = localTime): string {
  return `${deviceName(result.environment)} · ${time(Date.parse(result.createdAt))}`;
}

/**
 * Short names for results shown together: the device alone, or the device and date where two results
 * come from the same device (two runs on one laptop).
 */
export function deviceTitles(
  results: readonly BenchResult[],
  time: (ms: number) => string = localTime,
): string[] {
  const names = results.map((r) => deviceName(r.environment));
  return results.map((r, i) =>
    names.filter((n) => n === names[i]).length > 1 ? resultTitle(r, time) : (names[i] ?? ''),
  );
}
