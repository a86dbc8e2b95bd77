/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';
import { isolationStep } from './isolation-reload';

/** sessionStorage key: this tab has reloaded once to come under the worker's isolation headers. */
const TRIED = 'coi-reload-tried';
/** A page left open checks for a new version this often (browsers also check on each visit). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/** What the page is doing; asked before any reload. */
export interface Activity {
  /** A download, a reply, a benchmark or a store job is running: no reload now. */
  busy(): boolean;
  /** Nothing loaded and nothing running: a reload loses nothing. */
  pristine(): boolean;
}

/** What waits for a reload: a new version, one another tab installed, or threads (isolation). */
export type Pending = 'update' | 'installed-elsewhere' | 'isolation' | null;

/**
 * The service worker (src/sw.ts) from the page's side. Registers it; when a new version waits, offers it
 * and lets the page choose when (`apply`); reloads once so the page comes under the worker's isolation
 * headers. Nothing here reloads while `busy()`.
 */
export class AppUpdate {
  pending = $state<Pending>(null);
  /** The app shell is saved on this device: the app opens with no network. */
  offlineReady = $state(false);
  #activity: Activity = { busy: () => false, pristine: () => true };
  #skipWaiting: ((reloadPage?: boolean) => Promise<void>) | null = null;
  #applying = false;

  start(activity: Activity) {
    this.#activity = activity;
    if (!('serviceWorker' in navigator)) return;
    if (crossOriginIsolated) sessionStorage.removeItem(TRIED);
    this.offlineReady = navigator.serviceWorker.controller !== null;
    navigator.serviceWorker.addEventListener('controllerchange', () => this.#controlled());
    this.#skipWaiting = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.pending = 'update'),
      onOfflineReady: () => (this.offlineReady = true),
      // The new version took over: reload if this tab asked for it, else say so and let the user choose.
      onNeedReload: () => (this.#applying ? location.reload() : (this.pending = 'installed-elsewhere')),
      onRegisteredSW: (_url, registration) => {
        if (registration) setInterval(() => void registration.update().catch(() => {}), CHECK_EVERY_MS);
      },
      onRegisterError: (error) => console.warn('The service worker could not be registered:', error),
    });
  }

  /** Reloads into what is pending (activating a waiting version first); refused while busy. */
  async apply() {
    if (this.#activity.busy()) return;
    if (this.pending === 'update' && this.#skipWaiting) {
      this.#applying = true;
      await this.#skipWaiting(true); // the worker takes over, then onNeedReload reloads
    } else if (this.pending === 'isolation') this.#reloadForIsolation();
    else location.reload();
  }

  /** "Later": a waiting version then starts when every tab of the app has been closed. */
  dismiss() {
    this.pending = null;
  }

  #controlled() {
    this.offlineReady = true;
    const step = isolationStep({
      isolated: crossOriginIsolated,
      controlled: navigator.serviceWorker.controller !== null,
      tried: sessionStorage.getItem(TRIED) !== null,
      pristine: this.#activity.pristine(),
    });
    if (step === 'reload') this.#reloadForIsolation();
    else if (step === 'offer') this.pending ??= 'isolation';
  }

  #reloadForIsolation() {
    sessionStorage.setItem(TRIED, '1');
    location.reload();
  }
}
