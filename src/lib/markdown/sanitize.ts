import createDOMPurify, { type Config } from 'dompurify';

// NOTE: an allow-list of what the renderer writes. Raw HTML in model output is already escaped to text by
// the renderer (render.ts), so this is the second line: nothing outside this list reaches the page, whatever
// slips through. No `img` (images are never fetched), no `style`, no event handlers, no forms or frames.
const CONFIG: Config = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'span',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  ALLOWED_ATTR: ['href', 'title', 'target', 'rel', 'class', 'start', 'align'],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  // NOTE: DOMPurify checks every attribute not marked URI-safe against ALLOWED_URI_REGEXP; these hold
  // plain words and numbers (`align="right"`, `start="3"`), never a URL.
  ADD_URI_SAFE_ATTR: ['align', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};

const purify = createDOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  // Every link that survives leaves the app in a new tab, and the page it opens gets no handle on this one.
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** Sanitised HTML from the renderer's output; escapes everything where DOMPurify cannot run. */
export function sanitize(html: string): string {
  if (!purify.isSupported) throw new Error('DOMPurify is not supported in this browser');
  return purify.sanitize(html, CONFIG);
}
