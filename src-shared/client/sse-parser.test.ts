/** Checks the event-stream parser against the ways networks split text: mid-line, mid-CRLF, mid-event. */
import { describe, expect, it } from 'vitest';
import { createSseParser, type ServerSentEvent } from './sse-parser.js';

function parseChunks(chunks: string[]): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return events;
}

describe('createSseParser', () => {
  it('parses named events with single-line data', () => {
    expect(parseChunks(['event: status\ndata: {"a":1}\n\n'])).toEqual([
      { event: 'status', data: '{"a":1}', id: null },
    ]);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const text =
      'event: status\r\ndata: one\r\n\r\n: keep-alive\r\nevent: status\r\ndata: two\r\nid: 7\r\n\r\n';
    const whole = parseChunks([text]);
    expect(whole.map((e) => e.data)).toEqual(['one', 'two']);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parseChunks([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parseChunks(text.split(''))).toEqual(whole);
  });

  it('treats a CRLF split across chunks as one line end', () => {
    expect(parseChunks(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([
      { event: 'message', data: 'a\nb', id: null },
    ]);
  });

  it('accepts lone CR line ends', () => {
    expect(parseChunks(['event: x\rdata: 1\r\r'])).toEqual([{ event: 'x', data: '1', id: null }]);
  });

  it('joins multi-line data, strips one space after the colon only, and ignores comments and retry', () => {
    const events = parseChunks([':hello\nretry: 10\ndata:  two spaces\ndata:none\ndata\n\n']);
    expect(events).toEqual([{ event: 'message', data: ' two spaces\nnone\n', id: null }]);
  });

  it('does not dispatch an event without data, and resets the event name after a blank line', () => {
    expect(parseChunks(['event: status\n\ndata: x\n\n'])).toEqual([
      { event: 'message', data: 'x', id: null },
    ]);
  });

  it('drops a half-received event when the stream ends', () => {
    expect(parseChunks(['data: complete\n\n', 'event: status\ndata: partial\n'])).toEqual([
      { event: 'message', data: 'complete', id: null },
    ]);
  });

  it('keeps the last id for later events', () => {
    const events = parseChunks(['id: 1\ndata: a\n\ndata: b\n\n']);
    expect(events.map((e) => e.id)).toEqual(['1', '1']);
  });
});
