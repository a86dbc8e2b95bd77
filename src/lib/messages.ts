import type { ChatMessage, GenerateStats } from '../../workers/protocol';

/** One turn as the chat shows it: text plus, for replies, how it went. */
export interface Turn {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  stats?: GenerateStats;
  error?: string;
  streaming?: boolean;
}

/**
 * The conversation the model sees: every user turn, and each reply that produced text. Failed or empty
 * replies are left out so the template never shows the model an empty assistant turn.
 */
export function toChatMessages(turns: readonly Turn[], system?: string): ChatMessage[] {
  const messages: ChatMessage[] = system?.trim() ? [{ role: 'system', content: system.trim() }] : [];
  for (const turn of turns) {
    if (turn.role === 'assistant' && (turn.error || !turn.content.trim())) continue;
    messages.push({ role: turn.role, content: turn.content });
  }
  return messages;
}

/** A one-line summary under a reply: speed, first-token time and how it ended. */
export function describeStats(
  stats: GenerateStats,
  fmt: { ms: (v: number) => string; rate: (v: number | null) => string },
) {
  const ended = { eos: 'finished', 'max-tokens': 'hit the token limit', interrupt: 'stopped' }[
    stats.stoppedBy
  ];
  return `${stats.newTokens} tokens · first token ${fmt.ms(stats.ttftMs)} · decode ${fmt.rate(stats.decodeTokensPerSecond)} · ${ended}`;
}
