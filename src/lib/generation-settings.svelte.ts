import type { LoadResult, SamplingOptions } from '../../workers/protocol';
import {
  checkSettings,
  defaultInput,
  FALLBACK_DEFAULTS,
  parseSaved,
  storageKey,
  type SettingsInput,
} from './generation-settings';

/** The chat's generation settings for the loaded model, kept per model in localStorage. */
export class GenerationSettings {
  /** Whose settings these are; null before a model is loaded. */
  modelId = $state<string | null>(null);
  defaults = $state.raw<SamplingOptions>(FALLBACK_DEFAULTS);
  supportsThinking = $state(false);
  input = $state<SettingsInput>(defaultInput(FALLBACK_DEFAULTS));
  /** Said when the browser would not keep the settings (storage off or full). */
  saveProblem = $state<string | null>(null);

  checked = $derived(checkSettings(this.input));

  /** Switches to `model`'s saved settings (or its defaults); nothing changes for the same model. */
  useModel(model: LoadResult | null): void {
    if (!model || model.modelId === this.modelId) return;
    this.modelId = model.modelId;
    this.defaults = model.generationDefaults;
    this.supportsThinking = model.supportsThinking;
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(storageKey(model.modelId));
    } catch {
      // Storage off: the defaults it is.
    }
    this.input = parseSaved(saved, model.generationDefaults);
  }

  /** Back to the model's own defaults (the system prompt too). */
  reset(): void {
    this.input = defaultInput(this.defaults);
  }

  /** Keeps the settings as typed for this model. */
  save(): void {
    if (!this.modelId) return;
    const json = JSON.stringify(this.input);
    try {
      localStorage.setItem(storageKey(this.modelId), json);
      this.saveProblem = null;
    } catch {
      this.saveProblem = 'This browser would not keep the settings: they last until the page is closed.';
    }
  }
}
