import type { Page } from 'playwright-core';

/**
 * Makes the next reply show `texts` instead of the model's words, one more per token, the last one to the end
 * (workers/test-faults.ts); resolves once an engine worker has armed it. The self-test model writes random
 * text: this is how a test (and the README's chat screenshots) puts real or hostile Markdown through the
 * whole path, worker to page.
 */
export async function scriptReply(page: Page, texts: string[]) {
  await page.evaluate(
    (reply) =>
      new Promise<void>((resolve) => {
        const channel = new BroadcastChannel('engine-test-faults');
        channel.onmessage = (event: MessageEvent<{ scriptedArmed?: boolean }>) => {
          if (!event.data.scriptedArmed) return;
          channel.close();
          resolve();
        };
        channel.postMessage({ reply });
      }),
    texts,
  );
}
