import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { promptInputs } from './prompt-inputs';

/**
 * How long the chat template may take to lay out a one-line conversation. Real templates take well under a
 * millisecond; one that loops for seconds would delay every reply's first token, and Stop cannot reach a
 * worker that is busy rendering (the template runs in one synchronous call).
 */
export const TEMPLATE_BUDGET_MS = 250;

/** A template that blew its budget: said as a bad configuration file, which is what it is. */
export class SlowTemplateError extends Error {
  readonly userFacing = 'bad-config';
}

/**
 * Renders the template once on a one-line conversation, before any weights are fetched, and refuses the
 * model when that takes longer than the budget (a hostile or broken template with a huge loop).
 * NOTE: the render itself cannot be interrupted; Cancel ends the loading worker if it runs for long.
 */
export function checkTemplateCost(
  tokenizer: PreTrainedTokenizer,
  clock: () => number = () => performance.now(),
): void {
  if (!tokenizer.chat_template) return;
  const start = clock();
  promptInputs(tokenizer, [{ role: 'user', content: 'Hi' }]);
  const ms = clock() - start;
  if (ms <= TEMPLATE_BUDGET_MS) return;
  throw new SlowTemplateError(
    `This model's chat template took ${(ms / 1000).toFixed(1)} s to lay out a one-line message (the limit is ` +
      `${TEMPLATE_BUDGET_MS} ms), so every reply would start that late and Stop could not interrupt it. ` +
      `The model was not loaded: the chat_template in its tokenizer_config.json needs fixing.`,
  );
}
