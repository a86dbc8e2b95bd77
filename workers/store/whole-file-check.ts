import { createSHA1, createSHA256, type IHasher } from 'hash-wasm';
import type { ListedFile } from './hub-listing';

/** A downloaded file is not the one the hub lists: it is not kept, and the load fails. */
export class IntegrityError extends Error {
  readonly userFacing = 'network';
  constructor(file: string, what: string) {
    super(
      `${file} from this host does not match the ${what} the hub publishes for it, so it was not used or kept. Load again; if it happens again, the host serves a different file.`,
    );
    this.name = 'IntegrityError';
  }
}

/**
 * Hashes a whole file as it streams (incrementally: never a second copy in memory) and compares it with
 * what the hub lists: SHA-256 for LFS files, git's blob id for the rest.
 */
export class WholeFileCheck {
  #bytes = 0;
  private constructor(
    readonly file: string,
    readonly expected: ListedFile,
    readonly kind: 'sha256' | 'git-oid',
    readonly hasher: IHasher,
  ) {}

  static async create(file: string, expected: ListedFile | undefined): Promise<WholeFileCheck | null> {
    if (expected?.sha256) return new WholeFileCheck(file, expected, 'sha256', (await createSHA256()).init());
    if (!expected?.gitOid) return null;
    const hasher = (await createSHA1()).init();
    hasher.update(`blob ${expected.size}\0`);
    return new WholeFileCheck(file, expected, 'git-oid', hasher);
  }

  update(bytes: Uint8Array): void {
    this.#bytes += bytes.length;
    this.hasher.update(bytes);
  }

  /** Null when the file is the hub's; otherwise the error to fail with. */
  finish(): IntegrityError | null {
    if (this.#bytes !== this.expected.size)
      return new IntegrityError(this.file, `size (${this.expected.size} bytes)`);
    const digest = this.hasher.digest('hex');
    const wanted = this.kind === 'sha256' ? this.expected.sha256 : this.expected.gitOid;
    return digest === wanted
      ? null
      : new IntegrityError(this.file, this.kind === 'sha256' ? 'SHA-256' : 'git hash');
  }
}
