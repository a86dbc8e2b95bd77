// Model work announced across the site's tabs, whether or not a tab honoured the device lock: a benchmark
// run that overlapped any of it is void (like a run in a hidden tab), because its numbers shared the device.
export type WorkKind = 'chat' | 'bench';

const CHANNEL = 'llm-model-work';
/** This tab: a benchmark ignores its own work, not another tab's. */
const TAB = crypto.randomUUID();

type Message = { type: 'working'; tab: string; kind: WorkKind } | { type: 'ask' };

const active: Record<WorkKind, number> = { chat: 0, bench: 0 };
let channel: BroadcastChannel | null = null;

function post(kind: WorkKind): void {
  channel?.postMessage({ type: 'working', tab: TAB, kind } satisfies Message);
}

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  // A watch that starts while work is already running asks; whoever is working answers.
  channel.onmessage = (event: MessageEvent<Message>) => {
    if (event.data.type !== 'ask') return;
    for (const kind of ['chat', 'bench'] as const) if (active[kind] > 0) post(kind);
  };
  return channel;
}

/** Runs `work`, telling every tab of the site that model work of this kind is running until it ends. */
export async function announceWork<T>(kind: WorkKind, work: () => Promise<T>): Promise<T> {
  open();
  active[kind]++;
  post(kind);
  try {
    return await work();
  } finally {
    active[kind]--;
  }
}

/**
 * Starts watching for other model work (chat work in any tab, this one included; benchmarks in other
 * tabs); the function returned stops watching and says whether any ran since the watch began.
 */
export function watchOverlap(): () => boolean {
  if (typeof BroadcastChannel === 'undefined') return () => false;
  open();
  let overlapped = false;
  const watch = new BroadcastChannel(CHANNEL);
  watch.onmessage = (event: MessageEvent<Message>) => {
    const m = event.data;
    if (m.type === 'working' && (m.kind === 'chat' || m.tab !== TAB)) overlapped = true;
  };
  watch.postMessage({ type: 'ask' } satisfies Message);
  // NOTE: answers to the ask arrive as tasks; this tab's own chat work is known at once.
  if (active.chat > 0) overlapped = true;
  return () => {
    watch.close();
    return overlapped;
  };
}
