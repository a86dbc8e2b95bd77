import type { BenchResult } from '../../../workers/bench/result-schema';

/** Offers `text` as a file download. */
export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Offers a blob (a chart's PNG, an export) as a file download. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // NOTE: revoked later, not at once: the download starts after this task.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name for a result: llm-bench-2025-01-02T03-04-05.json. */
export function resultFileName(result: BenchResult, extension: string): string {
  return `llm-bench-${result.createdAt.replace(/\.\d+Z$/, '').replaceAll(':', '-')}.${extension}`;
}
