import type { FileRef } from './keys';

/** What the store did with one file during a load, for the progress list and the "not cached" notice. */
export type StoreEvent =
  | { type: 'hit'; ref: FileRef; size: number }
  | { type: 'download'; ref: FileRef; resumedFrom: number }
  | { type: 'stored'; ref: FileRef; size: number }
  | {
      type: 'not-stored';
      ref: FileRef;
      reason: 'full' | 'bad-response' | 'cut-off' | 'error';
      message: string;
    }
  | { type: 'corrupt'; ref: FileRef };
