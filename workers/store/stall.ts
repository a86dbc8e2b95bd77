type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** No byte arrived for too long: the request is aborted and the load fails with the file and host named. */
export class StalledError extends Error {
  readonly userFacing = 'network';
  constructor(url: string, seconds: number) {
    const { host, pathname } = new URL(url);
    const file = pathname.split('/resolve/')[1]?.split('/').slice(1).join('/') ?? pathname;
    super(`The download of ${file} from ${host} stalled: no data for ${seconds} s.`);
    this.name = 'StalledError';
  }
}

/**
 * Wraps `fetch` so that a request whose answer, or whose body while someone reads it, brings no byte for
 * `ms` is aborted with a StalledError. The clock runs only while a read waits: a reader that is busy
 * elsewhere never times out.
 */
export function stallGuarded(network: Fetch, ms: number): Fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const controller = new AbortController();
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    const stalled = () => controller.abort(new StalledError(url, Math.round(ms / 1000)));
    const why = (error: unknown) => (controller.signal.aborted ? controller.signal.reason : error);
    let timer = setTimeout(stalled, ms);
    let response: Response;
    try {
      response = await network(input, { ...init, signal });
    } catch (error) {
      throw why(error);
    } finally {
      clearTimeout(timer);
    }
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(out) {
          timer = setTimeout(stalled, ms);
          try {
            const chunk = await reader.read();
            if (chunk.done) out.close();
            else out.enqueue(chunk.value);
          } catch (error) {
            out.error(why(error));
          } finally {
            clearTimeout(timer);
          }
        },
        cancel(reason) {
          clearTimeout(timer);
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
