import { env } from '@huggingface/transformers';

/** Why each watched device was lost (the browser's words), once it is. */
const lost = new WeakMap<GPUDevice, string>();
const watched = new WeakMap<GPUDevice, Promise<string>>();

/** The GPUDevice ONNX Runtime's WebGPU backend created in this worker, once it has one. */
export function gpuDevice(): GPUDevice | undefined {
  return (env.backends.onnx.webgpu as { device?: GPUDevice } | undefined)?.device;
}

/** Resolves with the reason once `device` is lost (a driver reset, the GPU process crashed, destroy()). */
function watch(device: GPUDevice): Promise<string> {
  let promise = watched.get(device);
  if (!promise) {
    promise = device.lost.then((info) => {
      const reason = info.message || (info.reason === 'destroyed' ? 'it was destroyed' : 'unknown reason');
      lost.set(device, reason);
      return reason;
    });
    watched.set(device, promise);
  }
  return promise;
}

/** Never settles: the race partner when there is no device. */
const never = new Promise<string>(() => {});

/** Resolves with the reason when ONNX Runtime's device is lost; never when there is no device. */
export function whenDeviceLost(): Promise<string> {
  const device = gpuDevice();
  return device ? watch(device) : never;
}

/**
 * Whether ONNX Runtime's device has been lost, and why. NOTE: `lost` settles in a task of its own, so an
 * error thrown by a lost device's work can come first: a short wait lets the promise say so.
 */
export async function deviceLostReason(waitMs = 200): Promise<string | null> {
  const device = gpuDevice();
  if (!device) return null;
  const known = lost.get(device);
  if (known) return known;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  return Promise.race([watch(device), timeout]);
}

/** Thrown when ONNX Runtime's device was lost while it worked. */
export class DeviceLostError extends Error {
  constructor(readonly reason: string) {
    super(`the GPU device was lost: ${reason}`);
  }
}

/**
 * `work`, or a DeviceLostError as soon as the device is lost: work on a lost device may never settle.
 * NOTE: the abandoned work's own failure is dropped here; its worker is let go by the page.
 */
export function untilDeviceLost<T>(work: Promise<T>): Promise<T> {
  work.catch(() => {});
  return Promise.race([
    work,
    whenDeviceLost().then((reason): never => {
      throw new DeviceLostError(reason);
    }),
  ]);
}
