// Resident memory of the browser: the sum of RSS over every process below this one (Chromium's browser,
// GPU, renderer and utility processes), read from /proc. Linux only; elsewhere it reads nothing.
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

/** pid → [parent pid, resident bytes] for every process /proc lets us read. */
function processes(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return table;
  }
  for (const pid of pids) {
    try {
      // NOTE: the command name (field 2) may hold spaces and parentheses: split after its last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(pid), [Number(fields[1]), Number(fields[21]) * PAGE]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return table;
}

/** Resident bytes of all descendants of `root` (not `root` itself: that is Node and vite preview). */
export function descendantRss(root = process.pid): number {
  const table = processes();
  const children = new Map<number, number[]>();
  for (const [pid, [ppid]] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const queue = [...(children.get(root) ?? [])];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    total += table.get(pid)?.[1] ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Peak resident bytes per key (a configuration), sampled while that key is the current one. */
export class PeakMemory {
  readonly peaks = new Map<string, number>();

  sample(key: string | null): void {
    if (key === null) return;
    this.peaks.set(key, Math.max(this.peaks.get(key) ?? 0, descendantRss()));
  }
}
