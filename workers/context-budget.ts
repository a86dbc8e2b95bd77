import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { promptInputs, type TemplateOptions } from './prompt-inputs';
import type { ChatMessage } from './protocol';

const count = (n: number) => n.toLocaleString('en-US');

export type Fitted =
  | { ok: true; prompt: ReturnType<typeof promptInputs>; leftOut: number }
  | { ok: false; message: string; detail: string };

/**
 * The prompt for `messages`, counted through the chat template, that leaves `maxNewTokens` of `context` for
 * the reply: the oldest messages (never the system message or the last one) are left out until it fits.
 * When even the last message alone does not fit, nothing runs and the counts say why.
 */
export function fitToContext(
  tokenizer: PreTrainedTokenizer,
  messages: ChatMessage[],
  context: number,
  maxNewTokens: number,
  templateOptions: TemplateOptions = {},
): Fitted {
  const budget = context - maxNewTokens;
  if (budget <= 0)
    return {
      ok: false,
      message: `Max new tokens (${count(maxNewTokens)}) leaves no room for the prompt in a context of ${count(context)} tokens. Lower max new tokens.`,
      detail: `context ${context}, max new tokens ${maxNewTokens}`,
    };
  const system = messages[0]?.role === 'system' ? [messages[0]] : [];
  let rest = messages.slice(system.length);
  for (;;) {
    const prompt = promptInputs(tokenizer, [...system, ...rest], templateOptions);
    const leftOut = messages.length - system.length - rest.length;
    if (prompt.promptTokens <= budget) return { ok: true, prompt, leftOut };
    if (rest.length <= 1)
      return {
        ok: false,
        message:
          `This message is ${count(prompt.promptTokens)} tokens with the chat template; the model's context is ` +
          `${count(context)} tokens, and ${count(maxNewTokens)} are kept for the reply, which leaves ` +
          `${count(budget)}. Shorten the message or lower max new tokens.`,
        detail: `prompt ${prompt.promptTokens} tokens > ${budget} (context ${context} − max new tokens ${maxNewTokens})`,
      };
    // Leave out the oldest message; a conversation the model sees starts with a person's message.
    rest = rest.slice(1);
    while (rest.length > 1 && rest[0]?.role !== 'user') rest = rest.slice(1);
  }
}
