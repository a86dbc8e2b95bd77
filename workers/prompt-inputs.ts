import type { PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import type { ChatMessage } from './protocol';

/** Variables the chat template reads besides the messages (Qwen3's `enable_thinking`). */
export type TemplateOptions = { enable_thinking?: boolean };

/** Model inputs for a conversation: through the model's chat template, or as plain text when it has none. */
export function promptInputs(
  tokenizer: PreTrainedTokenizer,
  messages: ChatMessage[],
  templateOptions: TemplateOptions = {},
) {
  const templated = Boolean(tokenizer.chat_template);
  const inputs = (
    templated
      ? tokenizer.apply_chat_template(messages, {
          add_generation_prompt: true,
          return_dict: true,
          ...templateOptions,
        })
      : tokenizer(messages.map((m) => `${m.role}: ${m.content}`).join('\n') + '\nassistant:')
  ) as { input_ids: Tensor; attention_mask: Tensor };
  return { inputs, templated, promptTokens: inputs.input_ids.dims.at(-1) ?? 0 };
}
