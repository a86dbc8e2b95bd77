import type { PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import type { ChatMessage } from './protocol';

/** Model inputs for a conversation: through the model's chat template, or as plain text when it has none. */
export function promptInputs(tokenizer: PreTrainedTokenizer, messages: ChatMessage[]) {
  const templated = Boolean(tokenizer.chat_template);
  const inputs = (
    templated
      ? tokenizer.apply_chat_template(messages, { add_generation_prompt: true, return_dict: true })
      : tokenizer(messages.map((m) => `${m.role}: ${m.content}`).join('\n') + '\nassistant:')
  ) as { input_ids: Tensor; attention_mask: Tensor };
  return { inputs, templated, promptTokens: inputs.input_ids.dims.at(-1) ?? 0 };
}
