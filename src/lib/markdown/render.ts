import { Marked, type Token, type Tokens } from 'marked';
import { highlightCode, languageOf } from './highlight';
import { escapeHtml, safeHref } from './links';
import { sanitize } from './sanitize';

/** A top-level piece of a reply: sanitised HTML, or a code block the view gives a Copy button. */
export type Block =
  { kind: 'html'; html: string } | { kind: 'code'; code: string; language: string; html: string };

// NOTE: model output is hostile. The renderer writes raw HTML as text, links only to http(s)/mailto, and
// images as their alt text (never an <img>, so nothing is fetched); sanitize() then checks the result.
const marked = new Marked({
  gfm: true,
  // A model's single newline is meant as one.
  breaks: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link({ href, title, tokens }) {
      const text = this.parser.parseInline(tokens);
      const url = safeHref(href);
      if (!url) return text;
      const titled = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(url)}"${titled} target="_blank" rel="noopener noreferrer">${text}</a>`;
    },
    image: ({ text }) => `<span class="image-alt">[image${text ? `: ${escapeHtml(text)}` : ''}]</span>`,
    // Task lists as text: a disabled checkbox would need <input>, which the sanitiser refuses.
    checkbox: ({ checked }) => (checked ? '[x] ' : '[ ] '),
    code: ({ text, lang }) => codeHtml(text, languageOf(lang)),
  },
});

function codeHtml(code: string, language: string): string {
  const named = language ? ` language-${language}` : '';
  return `<pre><code class="hljs${named}">${highlightCode(code, language)}</code></pre>`;
}

function toBlock(token: Token): Block {
  if (token.type === 'code') {
    const { text, lang } = token as Tokens.Code;
    const language = languageOf(lang);
    return { kind: 'code', code: text, language, html: sanitize(codeHtml(text, language)) };
  }
  return { kind: 'html', html: sanitize(marked.parser([token])) };
}

/**
 * Renders a reply as it streams. Each update lexes the whole text (cheap), but renders, highlights and
 * sanitises only top-level blocks whose source changed since the last update (usually just the last one):
 * the rest come from a cache of the previous update, and their DOM is left alone.
 */
export class ReplyRenderer {
  #cache = new Map<string, Block>();

  render(text: string): Block[] {
    const cache = new Map<string, Block>();
    const blocks: Block[] = [];
    for (const token of marked.lexer(text)) {
      if (token.type === 'space') continue;
      // NOTE: keyed by source alone, a block misses a reference link defined after it while streaming;
      // the view renders the finished reply once more with a fresh renderer.
      const block = this.#cache.get(token.raw) ?? cache.get(token.raw) ?? toBlock(token);
      cache.set(token.raw, block);
      blocks.push(block);
    }
    this.#cache = cache;
    return blocks;
  }
}

/** The whole reply as sanitised HTML (code blocks without their Copy button). */
export function renderMarkdown(text: string): string {
  return new ReplyRenderer()
    .render(text)
    .map((b) => b.html)
    .join('\n');
}
