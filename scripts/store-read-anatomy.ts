// Where the time of a cached read goes, in one Chromium page with a real profile: the same bytes read as
// 32 MiB Blob chunks from IndexedDB (as the model store keeps them), the same plus the SHA-256 of each
// chunk (as the store checks them), and as one Response from the Cache API (transformers.js's default).
// Interleaved repetitions, medians and ratios. Needs `npm run build` first.
// usage: npx tsx scripts/store-read-anatomy.ts [--mb 512] [--repeats 5]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '512' }, repeats: { type: 'string', default: '5' } },
});
if (!existsSync('dist/index.html')) throw new Error('run `npm run build` first');
const app = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const profile = mkdtempSync(join(tmpdir(), 'anatomy-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  serviceWorkers: 'block',
  bypassCSP: true, // to add hash-wasm's script to the page for the comparison
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
// NOTE: tsx names inner functions with an `__name` helper that the page does not have.
await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
const page = await context.newPage();
await page.goto(app.resolvedUrls!.local[0]!);
await page.addScriptTag({ path: 'node_modules/hash-wasm/dist/index.umd.min.js' });
const times = await page.evaluate(
  async ({ mb, repeats }) => {
    const CHUNK = 32 * 1024 * 1024;
    const count = Math.ceil((mb * 1024 * 1024) / CHUNK);
    const open = indexedDB.open('anatomy', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('chunks');
    const db = await new Promise<IDBDatabase>((r) => (open.onsuccess = () => r(open.result)));
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((ok, no) => ((r.onsuccess = () => ok(r.result)), (r.onerror = () => no(r.error))));
    const parts: Blob[] = [];
    for (let i = 0; i < count; i++) {
      const bytes = new Uint8Array(CHUNK);
      for (let j = 0; j < CHUNK; j += 65536) crypto.getRandomValues(bytes.subarray(j, j + 65536));
      await req(
        db
          .transaction('chunks', 'readwrite')
          .objectStore('chunks')
          .put(new Blob([bytes]), i),
      );
      parts.push(new Blob([bytes]));
    }
    const cache = await caches.open('anatomy');
    await cache.put('/anatomy-file', new Response(new Blob(parts)));
    parts.length = 0;

    const blobs = async () => (await req(db.transaction('chunks').objectStore('chunks').getAll())) as Blob[];
    type Hasher = { init(): { update(b: Uint8Array): { digest(): string } } };
    const hashwasm = (globalThis as unknown as { hashwasm: Record<string, () => Promise<Hasher>> }).hashwasm;
    /** Reads every chunk and hashes it with one of hash-wasm's algorithms. */
    const readHashed = async (create: string) => {
      const hasher = await hashwasm[create]!();
      let n = 0;
      for (const b of await blobs()) {
        const buf = new Uint8Array(await b.arrayBuffer());
        hasher.init().update(buf).digest();
        n += buf.byteLength;
      }
      return n;
    };
    const variants: Record<string, () => Promise<number>> = {
      'IndexedDB read': async () => {
        let n = 0;
        for (const b of await blobs()) n += (await b.arrayBuffer()).byteLength;
        return n;
      },
      'IndexedDB read + SHA-256': async () => {
        let n = 0;
        for (const b of await blobs()) {
          const buf = await b.arrayBuffer();
          await crypto.subtle.digest('SHA-256', buf);
          n += buf.byteLength;
        }
        return n;
      },
      'IndexedDB read, 2 at a time + SHA-256': async () => {
        const all = await blobs();
        let n = 0;
        let next = all[0]?.arrayBuffer();
        for (let i = 0; i < all.length; i++) {
          const buf = await next!;
          next = all[i + 1]?.arrayBuffer();
          await crypto.subtle.digest('SHA-256', buf);
          n += buf.byteLength;
        }
        return n;
      },
      'IndexedDB read + XXH3 (hash-wasm)': () => readHashed('createXXHash3'),
      'IndexedDB read + BLAKE3 (hash-wasm)': () => readHashed('createBLAKE3'),
      'SHA-256 only (in memory)': async () => {
        const buf = new Uint8Array(CHUNK);
        for (let i = 0; i < count; i++) await crypto.subtle.digest('SHA-256', buf);
        return count * CHUNK;
      },
      'Cache API read': async () => (await (await cache.match('/anatomy-file'))!.arrayBuffer()).byteLength,
      'Cache API read, streamed': async () => {
        const reader = (await cache.match('/anatomy-file'))!.body!.getReader();
        let n = 0;
        for (let r = await reader.read(); !r.done; r = await reader.read()) n += r.value.byteLength;
        return n;
      },
    };
    const out: Record<string, number[]> = {};
    for (let rep = 0; rep < repeats; rep++) {
      for (const [name, run] of Object.entries(variants)) {
        const t = performance.now();
        await run();
        (out[name] ??= []).push(performance.now() - t);
      }
    }
    return { out, bytes: count * CHUNK };
  },
  { mb: Number(values.mb), repeats: Number(values.repeats) },
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(times.out['Cache API read']!);
console.log(`Reading ${(times.bytes / 1e6).toFixed(0)} MB, median of ${values.repeats} interleaved runs`);
console.log('| what | ms | ÷ Cache API read |');
console.log('|---|---|---|');
for (const [name, xs] of Object.entries(times.out))
  console.log(`| ${name} | ${median(xs).toFixed(0)} | ${(median(xs) / base).toFixed(2)} |`);
await context.close();
await new Promise((r) => app.httpServer.close(r));
rmSync(profile, { recursive: true, force: true });
