// A note in localStorage, written before each step and cleared at the end: if the tab dies (out of memory,
// a GPU crash), the note survives the reload and names the configuration that was running.
import type { BenchResult } from '../../../workers/bench/result-schema';
import { assembleResult } from '../../../workers/bench/summarize';

/** The step that was running, and the history entry its partial result is saved under. */
export interface Breadcrumb {
  resultId: string;
  stepId: string;
  configKey: string;
  /** The step in words, for the crash message. */
  description: string;
}

export const BREADCRUMB_KEY = 'llm-bench:breadcrumb';

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function writeBreadcrumb(storage: KeyValue, crumb: Breadcrumb): void {
  storage.setItem(BREADCRUMB_KEY, JSON.stringify(crumb));
}

export function clearBreadcrumb(storage: KeyValue): void {
  storage.removeItem(BREADCRUMB_KEY);
}

/** The breadcrumb left behind, or null when there is none or it is not one of ours. */
export function readBreadcrumb(storage: KeyValue): Breadcrumb | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(BREADCRUMB_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { resultId, stepId, configKey, description } = value as Record<string, unknown>;
    if ([resultId, stepId, configKey, description].every((v) => typeof v === 'string'))
      return value as Breadcrumb;
    return null;
  } catch {
    return null;
  }
}

/** The saved partial result with the breadcrumb's configuration marked crashed; its earlier runs stay. */
export function markCrashed(result: BenchResult, crumb: Breadcrumb): BenchResult {
  const configurations = result.configurations.map((c) =>
    c.config.key === crumb.configKey
      ? {
          ...c,
          status: 'crashed' as const,
          error: `The page or its engine stopped during "${crumb.description}" (step ${crumb.stepId}); runs before it are kept.`,
        }
      : c,
  );
  const { createdAt, plan, environment } = result;
  return assembleResult({ createdAt, plan, environment, configurations, partial: true });
}
