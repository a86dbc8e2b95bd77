import { beforeStep } from './test-faults';

/** Resolves on the next task: lets the worker's message queue run (a Stop click, say). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Makes the model yield to the event loop before each forward pass. On WASM a whole generate() otherwise
 * runs in microtasks, so an interrupt message from the page is only read after the reply has finished.
 * NOTE: a MessageChannel round trip, not setTimeout, which browsers clamp to 4 ms once nested.
 */
export function yieldBetweenSteps<T extends { forward: (inputs: never) => Promise<unknown> }>(model: T): T {
  const forward = model.forward.bind(model);
  model.forward = (async (inputs: never) => {
    await nextTask();
    beforeStep();
    return forward(inputs);
  }) as T['forward'];
  return model;
}
