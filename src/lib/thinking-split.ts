/** A reply cut into its thinking (`<think>…</think>` at the start) and its answer. */
export interface SplitReply {
  /** null: the reply did not think. */
  thinking: string | null;
  /** `</think>` came: the thinking is over. */
  closed: boolean;
  answer: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Splits a reply, whole or still streaming. Thinking counts only at the start of the reply (whitespace may come
 * first), where Qwen3 writes it; an unclosed `<think>` is thinking up to the end so far. Tags anywhere else
 * are text of the answer, shown as they are.
 */
export function splitThinking(text: string): SplitReply {
  const start = text.trimStart();
  if (start.startsWith(OPEN)) {
    const rest = start.slice(OPEN.length);
    const end = rest.indexOf(CLOSE);
    if (end < 0) return { thinking: rest.trim(), closed: false, answer: '' };
    return {
      thinking: rest.slice(0, end).trim(),
      closed: true,
      answer: rest.slice(end + CLOSE.length).trimStart(),
    };
  }
  return { thinking: null, closed: false, answer: text };
}
