const count = (n: number) => n.toLocaleString('en-US');

/** The model's context when its config does not say. */
export const DEFAULT_CONTEXT = 4096;

export type Limits =
  { ok: true; maxNewTokens: number; contextTokens: number | undefined } | { ok: false; problem: string };

/**
 * Checks the two numbers a person types under the chat, as typed (a number input gives `null` when empty):
 * max new tokens, a whole number from 1 to the context; and an optional context limit, a whole number from
 * 16 up to the model's own context (`modelContext`).
 */
export function checkLimits(
  maxNewTokens: number | null | undefined,
  contextLimit: number | null | undefined,
  modelContext: number | undefined,
): Limits {
  const model = modelContext ?? DEFAULT_CONTEXT;
  const hasLimit = contextLimit !== null && contextLimit !== undefined;
  if (hasLimit && !isWhole(contextLimit, 16, model))
    return {
      ok: false,
      problem: `The context limit must be a whole number from 16 to ${count(model)} (the model's context), or empty.`,
    };
  const context = hasLimit ? contextLimit : model;
  if (!isWhole(maxNewTokens, 1, context))
    return {
      ok: false,
      problem: `Max new tokens must be a whole number from 1 to ${count(context)} (the context).`,
    };
  return { ok: true, maxNewTokens, contextTokens: hasLimit ? contextLimit : undefined };
}

function isWhole(value: number | null | undefined, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
