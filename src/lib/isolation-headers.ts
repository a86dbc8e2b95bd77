/**
 * Adds the headers a static host may not send to the app's own documents and worker scripts (the
 * coi-serviceworker pattern):
 * - documents get COOP `same-origin` + COEP `require-corp`: the page becomes cross-origin isolated, which
 *   ONNX Runtime's WASM threads (SharedArrayBuffer) need;
 * - worker scripts get COEP too (a dedicated worker is isolated only if its own script response says so)
 *   and the app's CSP: a worker's policy comes from its script's response, never from the page's meta tag.
 * Headers the host already sends win. Everything else is returned untouched.
 */
export function withIsolationHeaders(request: Request, response: Response, csp: string): Response {
  const document = request.mode === 'navigate' || request.destination === 'document';
  const worker = request.destination === 'worker' || request.destination === 'sharedworker';
  // NOTE: an opaque response (status 0) cannot be copied; the app's own files are never opaque.
  if ((!document && !worker) || response.status === 0) return response;
  const headers = new Headers(response.headers);
  const add = (name: string, value: string) => {
    if (!headers.has(name)) headers.set(name, value);
  };
  add('Cross-Origin-Embedder-Policy', 'require-corp');
  if (document) add('Cross-Origin-Opener-Policy', 'same-origin');
  if (worker) add('Content-Security-Policy', csp);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
