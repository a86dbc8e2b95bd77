import { describe, expect, it } from 'vitest';
import { withIsolationHeaders } from '../../src/lib/isolation-headers';
import { isolationStep } from '../../src/lib/isolation-reload';

/** Node cannot build a Request with a destination or navigate mode: the function reads only those two. */
const request = (mode: RequestMode, destination: RequestDestination) => ({ mode, destination }) as Request;
const ok = (headers: Record<string, string> = {}) =>
  new Response('body', {
    status: 200,
    statusText: 'OK',
    headers: { 'Content-Type': 'text/html', ...headers },
  });

describe('withIsolationHeaders', () => {
  it('makes a document cross-origin isolated, keeping its body, status and headers', async () => {
    const response = withIsolationHeaders(request('navigate', 'document'), ok(), 'csp');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(response.headers.has('Content-Security-Policy')).toBe(false); // the page has its meta tag
    expect([response.status, response.statusText, await response.text()]).toEqual([200, 'OK', 'body']);
  });

  it('gives worker scripts COEP and the CSP', () => {
    const response = withIsolationHeaders(request('same-origin', 'worker'), ok(), "default-src 'self'");
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(response.headers.has('Cross-Origin-Opener-Policy')).toBe(false);
  });

  it("keeps the host's own headers", () => {
    const host = ok({ 'Cross-Origin-Embedder-Policy': 'credentialless', 'Content-Security-Policy': 'host' });
    const response = withIsolationHeaders(request('same-origin', 'worker'), host, 'ours');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
    expect(response.headers.get('Content-Security-Policy')).toBe('host');
  });

  it('leaves every other response as it is', () => {
    for (const [mode, destination] of [
      ['cors', ''],
      ['same-origin', 'script'],
      ['no-cors', 'image'],
    ] as const) {
      const original = ok();
      expect(withIsolationHeaders(request(mode, destination), original, 'csp')).toBe(original);
    }
  });
});

describe('isolationStep (the first visit reload)', () => {
  const base = { isolated: false, controlled: true, tried: false, pristine: true };
  it('reloads a page that just came under the worker, once', () => {
    expect(isolationStep(base)).toBe('reload');
    expect(isolationStep({ ...base, tried: true })).toBe('none');
  });
  it('never reloads a page that is already isolated or not controlled', () => {
    expect(isolationStep({ ...base, isolated: true })).toBe('none');
    expect(isolationStep({ ...base, controlled: false })).toBe('none');
  });
  it('asks instead when the page is doing something', () => {
    expect(isolationStep({ ...base, pristine: false })).toBe('offer');
  });
});
