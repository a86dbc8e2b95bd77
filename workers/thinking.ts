/**
 * Whether a chat template can switch thinking on and off: Qwen3's reads `enable_thinking`. A tokenizer's
 * `chat_template` is a string, or a list of named templates.
 */
export function supportsThinking(template: unknown): boolean {
  const texts = Array.isArray(template)
    ? template.map((t: unknown) => (t as { template?: unknown } | null)?.template)
    : [template];
  return texts.some((t) => typeof t === 'string' && /\benable_thinking\b/.test(t));
}

/**
 * How many reply tokens are thinking: up to and including `</think>`; all of them while a reply that opened
 * with `<think>` has not closed it; 0 when it did not think. Undefined for a vocabulary without the tags.
 */
export function thinkingTokenCount(
  tokenIds: readonly number[],
  tags: { open?: number; close?: number },
): number | undefined {
  if (tags.open === undefined || tags.close === undefined) return undefined;
  const close = tokenIds.indexOf(tags.close);
  if (close >= 0) return close + 1;
  return tokenIds[0] === tags.open ? tokenIds.length : 0;
}
