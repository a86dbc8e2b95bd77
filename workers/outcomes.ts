import type { Outcome } from './protocol';
import { parseMirror } from './sources';

/** Why a hub load must not start: a mirror that is not a web address or not allowed in this build. */
export function sourceProblem(hubUrl: string | undefined): string | null {
  if (hubUrl === undefined) return null;
  const mirror = parseMirror(hubUrl);
  return mirror && 'problem' in mirror ? mirror.problem : null;
}

/** A failed Outcome with the code, a sentence for people, and the library's own words. */
export const fail = (
  code: Exclude<Outcome<never>, { ok: true }>['error']['code'],
  message: string,
  detail?: string,
) => ({ ok: false, error: { code, message, detail } }) as const;
