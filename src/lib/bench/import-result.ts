import type { BenchResult } from '../../../workers/bench/result-schema';
import { validateResult } from '../../../workers/bench/result-validate';

/** A result file's text as a result, or the reasons it is not one, in words. */
export function parseResultFile(
  text: string,
): { ok: true; value: BenchResult } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`This file is not JSON (${(error as Error).message}).`] };
  }
  return validateResult(json);
}
