import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from './links';

// NOTE: the core plus the languages small models write most (JS/TS, Python, shell, C/C++, Java, Go, Rust,
// SQL, HTML/XML, CSS, JSON, YAML) keeps highlighting near 60 kB; the full build registers ~190 languages
// (~900 kB). Each language also answers to its aliases (js, ts, py, sh, html, …).
const languages = { bash, c, cpp, css, go, java, javascript, json, python, rust, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/** A fence's info string as a language name we show, or '' (model output: letters, digits, `+#-._` only). */
export function languageOf(info: string | undefined): string {
  const name = (info ?? '').trim().split(/\s/)[0] ?? '';
  return /^[\w+#.-]{1,24}$/.test(name) ? name.toLowerCase() : '';
}

/**
 * Code as highlighted HTML (`<span class="hljs-…">` around escaped text), or just escaped when the
 * language is unknown. NOTE: no auto-detection: it would run every grammar on every update of a stream.
 */
export function highlightCode(code: string, language: string): string {
  if (!language || !hljs.getLanguage(language)) return escapeHtml(code);
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
