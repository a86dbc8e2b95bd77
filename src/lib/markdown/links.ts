/** Schemes a reply's link may use; anything else (javascript:, data:, relative paths, …) stays text. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL a link in model output may point to, normalised, or null when it must render as text.
 * NOTE: the URL parser decides the scheme, the way the browser would (it drops tabs and newlines, so
 * `java\nscript:` is `javascript:`); a relative URL does not parse without a base and is refused.
 */
export function safeHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  if (!LINK_SCHEMES.has(url.protocol)) return null;
  if (url.username || url.password) return null; // `https://bank.example@evil.example` misleads
  return url.href;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
