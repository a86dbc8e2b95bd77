import { describe, expect, it } from 'vitest';
import { generationDefaults, LIBRARY_DEFAULTS } from '../../workers/generation-defaults';

describe('generationDefaults', () => {
  it("maps a Qwen2.5 generation_config.json to the model's sampling settings", () => {
    const config = {
      bos_token_id: 151643,
      do_sample: true,
      eos_token_id: [151645, 151643],
      repetition_penalty: 1.1,
      temperature: 0.7,
      top_p: 0.8,
      top_k: 20,
    };
    expect(generationDefaults(config)).toEqual({
      do_sample: true,
      temperature: 0.7,
      top_p: 0.8,
      top_k: 20,
      repetition_penalty: 1.1,
    });
  });

  it("uses the library's defaults (greedy) for a config that says nothing, or no config", () => {
    expect(generationDefaults({ max_new_tokens: 64 })).toEqual(LIBRARY_DEFAULTS);
    expect(generationDefaults(null)).toEqual(LIBRARY_DEFAULTS);
    expect(LIBRARY_DEFAULTS.do_sample).toBe(false);
  });

  it('reads temperature 0 as greedy, and replaces values out of range or of the wrong type', () => {
    expect(generationDefaults({ do_sample: true, temperature: 0 })).toEqual(LIBRARY_DEFAULTS);
    expect(
      generationDefaults({
        do_sample: 'yes',
        temperature: -1,
        top_p: 1.5,
        top_k: 2.5,
        repetition_penalty: Infinity,
      }),
    ).toEqual(LIBRARY_DEFAULTS);
    expect(generationDefaults({ top_k: 0, top_p: 1 })).toMatchObject({ top_k: 0, top_p: 1 });
  });
});
