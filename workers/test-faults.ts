// Faults a test can inject into the engine worker, which DevTools cannot reach between a reply's steps.
// A page of the same origin posts the fault's name on the channel; every engine worker arms it, and the one
// that next runs a forward pass (or streams a token) fires it. Nothing fires unless a page asks for it.
import { gpuDevice } from './gpu-device';

/**
 * `lose-device`: destroy the GPUDevice ONNX Runtime uses; `throw-in-reply`: the next token throws;
 * `fresh-prefill`: from now on every reply prefills its whole prompt (the reference a kept KV cache must match,
 * and the like-for-like chat timing of `npm run bench -- --chat`); `reuse-kv` ends that.
 */
export type Fault = 'lose-device' | 'throw-in-reply' | 'fresh-prefill' | 'reuse-kv';
const FAULTS: readonly unknown[] = [
  'lose-device',
  'throw-in-reply',
  'fresh-prefill',
  'reuse-kv',
] satisfies Fault[];

export const FAULT_CHANNEL = 'engine-test-faults';

const armed = new Set<Fault>();

/**
 * `{ reply: [text, …] }` on the channel: the next reply shows these texts instead of the model's, one more
 * per token, the last one to the end (a model that writes exactly what a test needs, hostile or not).
 */
export interface ScriptedReply {
  reply: string[];
}
let scripted: string[] | null = null;

function isScriptedReply(data: unknown): data is ScriptedReply {
  const reply = (data as Partial<ScriptedReply> | null)?.reply;
  return Array.isArray(reply) && reply.length > 0 && reply.every((t) => typeof t === 'string');
}

/** Listens for faults; called once when the worker starts. */
export function listenForFaults(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(FAULT_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (event.data === 'reuse-kv') armed.delete('fresh-prefill');
    else if (FAULTS.includes(event.data)) armed.add(event.data as Fault);
    else if (isScriptedReply(event.data)) {
      scripted = event.data.reply;
      // The page waits for this before it sends the message the reply answers.
      channel.postMessage({ scriptedArmed: true });
    }
  };
}

/** The texts armed for the reply about to start, once; null when none is (always, outside tests). */
export function takeScriptedReply(): string[] | null {
  const texts = scripted;
  scripted = null;
  return texts;
}

/** Before each forward pass: a lost device is lost here, where ONNX Runtime is about to use it. */
export function beforeStep(): void {
  const device = gpuDevice();
  if (!armed.has('lose-device') || !device) return;
  armed.delete('lose-device');
  device.destroy();
}

/** While streaming a token: throws once when `throw-in-reply` is armed. */
export function duringReply(): void {
  if (!armed.delete('throw-in-reply')) return;
  throw new Error('test fault: the reply failed mid-generation');
}

/** Whether a test asked that no reply reuse the KV cache (armed for the worker's life). */
export function freshPrefill(): boolean {
  return armed.has('fresh-prefill');
}
