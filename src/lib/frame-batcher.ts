/**
 * Joins the text deltas of a streaming reply and hands the text so far to `show` at most once per
 * animation frame: however often deltas arrive, the page lays the reply out once a frame.
 * NOTE: after `close()` late deltas are ignored: they may arrive after the reply's final text (the
 * worker sends them on a port of their own), which must not be appended to twice.
 */
export class FrameBatcher {
  #text = '';
  #frame: number | null = null;
  #closed = false;

  constructor(private readonly show: (text: string) => void) {}

  /** Appends `delta`; the page sees it on the next frame. */
  add(delta: string): void {
    if (this.#closed || !delta) return;
    this.#text += delta;
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = null;
      if (!this.#closed) this.show(this.#text);
    });
  }

  /** Stops for good: nothing pending is shown and later deltas are dropped. */
  close(): void {
    this.#closed = true;
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    this.#frame = null;
  }
}
