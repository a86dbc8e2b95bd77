/** What the page should do when the service worker starts controlling it. */
export type IsolationStep = 'none' | 'reload' | 'offer';

/**
 * The one reload that puts a page under the service worker's COOP/COEP headers (they apply to the next
 * navigation only). Never when the page is already isolated (the host sends the headers) or not
 * controlled, and at most once per tab session (`tried`): a browser that ignores the headers must not
 * reload forever. A page that is doing something (a model loaded or loading, a benchmark) is asked, not
 * reloaded: `pristine` is false then.
 */
export function isolationStep(state: {
  isolated: boolean;
  controlled: boolean;
  tried: boolean;
  pristine: boolean;
}): IsolationStep {
  if (state.isolated || !state.controlled || state.tried) return 'none';
  return state.pristine ? 'reload' : 'offer';
}
