// Where model files may come from. Pure: the page (to check `?hub=`) and the engine worker (to refuse a
// request before it is made) use the same rules.

/** The Hugging Face hub. Its `resolve/` URLs redirect to its CDNs; the browser follows those itself. */
export const HUB_ORIGIN = 'https://huggingface.co';

declare const __HUB_MIRRORS__: string[] | undefined;

/** Mirrors allowed at build time (`HUB_MIRRORS="https://mirror.example"`), as origins. */
export function buildTimeMirrors(): string[] {
  const list = typeof __HUB_MIRRORS__ === 'undefined' ? [] : __HUB_MIRRORS__;
  return list.flatMap((raw) => {
    const origin = originOf(raw);
    return origin ? [origin] : [];
  });
}

const originOf = (raw: string): string | null => {
  try {
    const url = new URL(raw);
    return /^https?:$/.test(url.protocol) && url.hostname ? url.origin : null;
  } catch {
    return null;
  }
};

/** A mirror on this machine (loopback): a local mirror, and the tests' hub stand-in. */
const isLoopback = (url: URL) =>
  url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');

/** Whether model files may be downloaded from this origin: the hub, a build-time mirror, or loopback. */
export function isAllowedModelOrigin(origin: string, mirrors: readonly string[] = buildTimeMirrors()) {
  if (origin === HUB_ORIGIN || mirrors.includes(origin)) return true;
  try {
    return isLoopback(new URL(origin));
  } catch {
    return false;
  }
}

/**
 * Why a request for a model file must not be made, or null when it may. The app's own origin (bundled and
 * imported models) is always allowed; anything that is not http(s) or names no host is refused.
 */
export function requestProblem(url: string, appOrigin: string, mirrors?: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, appOrigin);
  } catch {
    return `"${url.slice(0, 80)}" is not a web address.`;
  }
  if (parsed.origin === appOrigin) return null;
  if (!/^https?:$/.test(parsed.protocol) || !parsed.hostname)
    return `"${url.slice(0, 80)}" is not a web address.`;
  if (isAllowedModelOrigin(parsed.origin, mirrors)) return null;
  return `Refused to download from ${parsed.host}: models come only from the Hugging Face hub and the mirrors this site allows.`;
}

/** A `?hub=` value, checked: the mirror's base URL (ending in "/"), or the reason it cannot be used. */
export function parseMirror(
  raw: string | null,
  mirrors?: readonly string[],
): { url: string } | { problem: string } | null {
  if (raw === null || raw.trim() === '') return null;
  const origin = originOf(raw.trim());
  if (!origin) return { problem: `"${raw.slice(0, 80)}" in ?hub= is not a web address with a host.` };
  if (origin === HUB_ORIGIN) return null;
  if (!isAllowedModelOrigin(origin, mirrors))
    return {
      problem: `This page asks to download models from ${new URL(origin).host}, which this site does not allow; models come from the Hugging Face hub.`,
    };
  const url = new URL(raw.trim());
  return { url: `${url.origin}${url.pathname.replace(/\/?$/, '/')}` };
}
