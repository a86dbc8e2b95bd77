import { describe, expect, it } from 'vitest';
import { chatFileName, chatToJson, chatToMarkdown, mdBlock, mdText } from '../../src/lib/chat-export';
import type { ChatRecord } from '../../src/lib/chat-record';

const chat: ChatRecord = {
  id: 'c1',
  title: '<script>alert(1)</script> # Title',
  model: { modelId: 'org/<b>model</b>', backend: 'wasm', dtype: 'q4' },
  created: Date.UTC(2026, 0, 2, 3, 4, 5),
  updated: Date.UTC(2026, 0, 2, 3, 5, 0),
  rev: 4,
  turns: [
    { id: 1, role: 'user', content: 'Say hi' },
    {
      id: 2,
      role: 'assistant',
      content: '<img src=x onerror=alert(1)>\n## You\n\n[click](javascript:alert(1))\n    indented | cell',
      error: 'Cut <off>',
      stats: {
        promptTokens: 5,
        newTokens: 7,
        ttftMs: 41.6,
        decodeTokensPerSecond: 12.34,
        totalMs: 600,
        stoppedBy: 'max-tokens',
        tokenIds: [1],
        tokenTimesMs: [1],
        text: 'x',
      },
    },
  ],
};

describe('mdText: model text is shown as text', () => {
  it('escapes HTML as entities', () => {
    expect(mdText('<img src=x onerror=alert(1)> & co')).not.toMatch(/<|>|& /);
  });
  it('escapes what could start Markdown structure', () => {
    expect(mdText('## heading')).toBe('\\#\\# heading');
    expect(mdText('[a](javascript:b)')).toBe('\\[a\\]\\(javascript\\:b\\)');
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('1. item')).toBe('1\\. item');
    expect(mdText('`code` *em* _em_ | ~~s~~')).toBe('\\`code\\` \\*em\\* \\_em\\_ \\| \\~\\~s\\~\\~');
    expect(mdText('===')).toBe('\\=\\=\\=');
    expect(mdText('> quote')).toBe('&gt; quote');
  });
  it('keeps indentation without making a code block', () => {
    expect(mdText('    four')).toBe('&nbsp;&nbsp;&nbsp;&nbsp;four');
  });
});

describe('mdBlock', () => {
  it('keeps line breaks as hard breaks and blank lines as paragraphs', () => {
    expect(mdBlock('a\nb\r\n\r\n\nc')).toBe('a\\\nb\n\nc');
  });
});

describe('chatToMarkdown', () => {
  const md = chatToMarkdown(chat);

  it('has a heading per turn and the stats and error of a reply', () => {
    expect(md.match(/^## (You|Model)$/gm)).toEqual(['## You', '## Model']);
    expect(md).toContain('*7 tokens · first token 42 ms · decode 12.3 tokens/s · stopped by max-tokens*');
    expect(md).toContain('> **Error:** Cut &lt;off&gt;');
    expect(md).toContain('- Started: 2026-01-02T03:04:05.000Z');
  });

  it('lets no hostile text through as HTML, a link or a heading', () => {
    expect(md).not.toMatch(/<[a-z/]/i);
    expect(md).not.toContain('](');
    // The model's own "## You" is text, not a third turn heading.
    expect(md).toContain('\\#\\# You');
    expect(md.startsWith('# &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\# Title\n')).toBe(true);
  });
});

describe('chatToJson', () => {
  it('is the record without the page ids and revision', () => {
    const json = JSON.parse(chatToJson(chat)) as Record<string, unknown> & { turns: object[] };
    expect(json.rev).toBeUndefined();
    expect(json.title).toBe(chat.title);
    expect(json.turns[0]).toEqual({ role: 'user', content: 'Say hi' });
    expect(json.turns[1]).toMatchObject({ role: 'assistant', error: 'Cut <off>' });
  });
});

describe('chatFileName', () => {
  it('has only safe characters, whatever the title', () => {
    expect(chatFileName(chat, 'md')).toBe('chat-script-alert-1-script-title-2026-01-02.md');
    expect(chatFileName({ ...chat, title: '../../¿?' }, 'json')).toBe('chat-untitled-2026-01-02.json');
  });
});
