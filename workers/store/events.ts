import type { FileRef } from './keys';

/** What the store did with one file during a load, for the progress list and the "not cached" notice. */
export type StoreEvent =
  | { type: 'hit'; ref: FileRef; size: number }
  | { type: 'download'; ref: FileRef; resumedFrom: number }
  /** What a partial download kept could not be trusted to continue it: the file starts again. */
  | { type: 'restarted'; ref: FileRef }
  /** The server has no such file (a 404): for an optional file, recorded once the load succeeds. */
  | { type: 'missing'; ref: FileRef }
  | { type: 'stored'; ref: FileRef; size: number }
  | {
      type: 'not-stored';
      ref: FileRef;
      reason: 'full' | 'bad-response' | 'cut-off' | 'error';
      message: string;
      /** A cut-off download kept chunks that the next load continues. */
      resumable?: boolean;
      /** Ended by the app itself (the load failed for another reason): not why the load failed. */
      abandoned?: boolean;
    }
  | { type: 'corrupt'; ref: FileRef };
