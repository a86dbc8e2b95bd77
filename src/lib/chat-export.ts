// A kept chat as a file: Markdown to read, JSON to keep. Model text is hostile, so the Markdown shows it as
// text and nothing else.
import type { ChatRecord } from './chat-record';
import type { Turn } from './messages';

/**
 * One line of text, safe as Markdown: HTML is escaped as entities (renderers pass raw HTML through), and
 * every character that could start Markdown structure (headings, lists, links, emphasis, code, tables,
 * quotes) is backslash-escaped, which CommonMark allows for any ASCII punctuation.
 */
export function mdText(line: string): string {
  return line
    .replace(/[\\`*_{}[\]()#+\-.!|~=:]/g, '\\$&')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/^[ \t]+/, (indent) => '&nbsp;'.repeat(indent.replaceAll('\t', '    ').length));
}

/** A block of text as Markdown paragraphs: its line breaks kept (a trailing backslash is a hard break). */
export function mdBlock(text: string): string {
  return text
    .replaceAll('\r\n', '\n')
    .split(/\n[ \t]*\n+/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => mdText(line.trimEnd()))
        .filter((line) => line !== '')
        .join('\\\n'),
    )
    .filter((para) => para !== '')
    .join('\n\n');
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The chat as a Markdown document: title, model, dates, then each turn with its stats or error. */
export function chatToMarkdown(chat: ChatRecord): string {
  const model = chat.model
    ? `${mdText(chat.model.modelId)} · ${chat.model.backend} · ${mdText(chat.model.dtype)}`
    : 'no reply yet';
  const lines = [
    `# ${mdText(chat.title)}`,
    '',
    `- Model: ${model}`,
    `- Started: ${iso(chat.created)}`,
    `- Last changed: ${iso(chat.updated)}`,
  ];
  for (const turn of chat.turns) {
    lines.push('', turn.role === 'user' ? '## You' : '## Model', '');
    lines.push(mdBlock(turn.content) || '*(no text)*');
    const s = turn.stats;
    if (s)
      lines.push(
        '',
        `*${s.newTokens} tokens · first token ${Math.round(s.ttftMs)} ms · ` +
          `decode ${s.decodeTokensPerSecond === null ? '—' : s.decodeTokensPerSecond.toFixed(1)} tokens/s · ` +
          `stopped by ${s.stoppedBy}*`,
      );
    if (turn.notice) lines.push('', `> ${mdText(turn.notice)}`);
    if (turn.error) lines.push('', `> **Error:** ${mdText(turn.error)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The chat as JSON: the stored record without the page's own ids and revision. */
export function chatToJson(chat: ChatRecord): string {
  const { id, title, model, created, updated } = chat;
  const turns = chat.turns.map((turn) => {
    const kept: Partial<Turn> = { ...turn };
    delete kept.id;
    return kept;
  });
  return `${JSON.stringify({ id, title, model, created, updated, turns }, null, 2)}\n`;
}

/** A file name from the title: letters, digits and dashes only (the title is the user's or the model's). */
export function chatFileName(chat: ChatRecord, extension: 'md' | 'json'): string {
  const slug = chat.title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `chat-${slug || 'untitled'}-${iso(chat.created).slice(0, 10)}.${extension}`;
}
