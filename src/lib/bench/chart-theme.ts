/** Colours a chart draws with, read from the page's CSS custom properties (src/app.css), so dark mode applies. */
export interface ChartTheme {
  webgpu: string[];
  wasm: string[];
  /** Axis labels and ticks. */
  text: string;
  grid: string;
}

// NOTE: the light scheme's values, for a node outside the page (never in the app; a safe default).
const FALLBACK: ChartTheme = {
  webgpu: ['#2457c5', '#7a9be3', '#0f2a66'],
  wasm: ['#c55a11', '#e6a06b', '#6b2e05'],
  text: '#1d232a',
  grid: 'rgba(0, 0, 0, 0.1)',
};

const list = (value: string) =>
  value
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

/** The chart colours in effect for `node` now. */
export function chartTheme(node: Element): ChartTheme {
  const style = getComputedStyle(node);
  const read = (name: string) => style.getPropertyValue(name).trim();
  const webgpu = list(read('--chart-webgpu'));
  const wasm = list(read('--chart-wasm'));
  return {
    webgpu: webgpu.length ? webgpu : FALLBACK.webgpu,
    wasm: wasm.length ? wasm : FALLBACK.wasm,
    text: read('--text') || FALLBACK.text,
    grid: read('--chart-grid') || FALLBACK.grid,
  };
}
