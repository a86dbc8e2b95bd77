// The browser the benchmark runs in: Chromium launched here with the flags of the chosen WebGPU mode, or
// a remote one reached through a Playwright browser server (`--connect`).
import { chromium, type Browser } from 'playwright-core';
import type { BenchOptions, WebGpuMode } from './options.js';

/** Flags that keep headless Chromium off a network it may not reach (the tests use them too). */
export const QUIET = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Extra flags per WebGPU mode. */
export const WEBGPU_FLAGS: Record<WebGpuMode, string[]> = {
  // SwiftShader's Vulkan gives headless Chromium a real (software) WebGPU adapter with no GPU.
  swiftshader: ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
  // The machine's GPU through Vulkan; Linux Chromium keeps WebGPU behind these flags.
  gpu: ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=vulkan', '--ignore-gpu-blocklist'],
  // No adapter at all: the app reports WebGPU unavailable and runs WASM only.
  off: ['--disable-gpu'],
};

/** Launches (or connects to) the browser; a failure becomes one readable line. */
export async function openBrowser(options: BenchOptions): Promise<Browser> {
  try {
    if (options.connect) return await chromium.connect(options.connect, { timeout: 60_000 });
    return await chromium.launch({
      executablePath: options.browser,
      args: [...QUIET, ...WEBGPU_FLAGS[options.webgpu]],
    });
  } catch (err) {
    const where = options.connect ? `connect to ${options.connect}` : `launch ${options.browser}`;
    throw new Error(`could not ${where}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
}
