import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { checkTemplateCost, TEMPLATE_BUDGET_MS } from '../../workers/template-budget';

/** A tokenizer whose template "renders" by advancing a fake clock by `ms`. */
function tokenizerTaking(ms: number, clock: { t: number }, template = '{{ x }}') {
  return {
    chat_template: template,
    apply_chat_template: () => {
      clock.t += ms;
      return { input_ids: { dims: [1, 3] }, attention_mask: { dims: [1, 3] } };
    },
  } as unknown as PreTrainedTokenizer;
}

describe('checkTemplateCost', () => {
  it('lets a template within the budget through', () => {
    const clock = { t: 0 };
    expect(() => checkTemplateCost(tokenizerTaking(TEMPLATE_BUDGET_MS, clock), () => clock.t)).not.toThrow();
  });

  it('refuses a slow template as a bad configuration, with the time it took', () => {
    const clock = { t: 0 };
    const check = () => checkTemplateCost(tokenizerTaking(5600, clock), () => clock.t);
    expect(check).toThrow(/took 5\.6 s .*chat_template in its tokenizer_config\.json/);
    expect(() => check()).toThrow(expect.objectContaining({ userFacing: 'bad-config' }));
  });

  it('does not render when there is no template', () => {
    const clock = { t: 0 };
    expect(() => checkTemplateCost(tokenizerTaking(9999, clock, ''), () => clock.t)).not.toThrow();
    expect(clock.t).toBe(0);
  });
});
