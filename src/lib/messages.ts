import type { ChatMessage, EngineError, GenerateStats } from '../../workers/protocol';

/** One turn as the chat shows it: text plus, for replies, how it went. */
export interface Turn {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  stats?: GenerateStats;
  error?: string;
  /** Said about a reply that went through, such as earlier turns left out. */
  notice?: string;
  /** Refused before generation (too long for the context): never sent to the model again. */
  excluded?: boolean;
  streaming?: boolean;
}

/**
 * The conversation the model sees: every user turn, and each reply that produced text. Failed or empty
 * replies are left out so the template never shows the model an empty assistant turn.
 */
export function toChatMessages(turns: readonly Turn[], system?: string): ChatMessage[] {
  const messages: ChatMessage[] = system?.trim() ? [{ role: 'system', content: system.trim() }] : [];
  for (const turn of turns) {
    if (turn.excluded || (turn.role === 'assistant' && (turn.error || !turn.content.trim()))) continue;
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
  const thinking = stats.thinkingTokens ? ` (${stats.thinkingTokens} thinking)` : '';
  return `${stats.newTokens} tokens${thinking} · first token ${fmt.ms(stats.ttftMs)} · decode ${fmt.rate(stats.decodeTokensPerSecond)} · ${ended}`;
}

/** "3 earlier turns left out to fit 4,096 tokens", or nothing when all of them went in. */
export function leftOutNotice(leftOut: GenerateStats['leftOut']): string | undefined {
  if (!leftOut) return undefined;
  const n = leftOut.messages;
  return `${n} earlier ${n === 1 ? 'turn' : 'turns'} left out to fit ${leftOut.contextTokens.toLocaleString('en-US')} tokens.`;
}

/** What a failed reply says under it. */
export function replyError(error: EngineError): string {
  if (error.code === 'device-lost') return `${error.message} This reply was cut off.`;
  if (error.code === 'engine-stopped')
    return `${error.message} This reply was cut off; press Restart to go on with the conversation.`;
  return error.detail && error.code === 'unknown' ? `${error.message} (${error.detail})` : error.message;
}
