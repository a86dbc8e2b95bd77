/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { withIsolationHeaders } from './lib/isolation-headers';

declare let self: ServiceWorkerGlobalScope;
/** The policy of the page's meta tag (vite.config.ts), given to worker scripts as a header. */
declare const __APP_CSP__: string;

// Prompt-style updates: a new version waits until the page says the time is right (app-update.svelte.ts).
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
// The first worker takes over the open page at once, so that page can reload into cross-origin isolation.
clientsClaim();

addPlugins([
  {
    handlerWillRespond: async ({ request, response }) => withIsolationHeaders(request, response, __APP_CSP__),
  },
]);
// NOTE: every query parameter is ignored, so `index.html?hub=…` is the precached page too. What is not in
// the precache (models, the hub) is not touched: the request goes to the network as if no worker were here.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
