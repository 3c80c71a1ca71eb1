/**
 * Incremental parser for `text/event-stream`, because job progress arrives over `fetch` (EventSource cannot send an
 * Authorization header) and network chunks split lines and events anywhere.
 *
 * Follows the WHATWG "interpreting an event stream" rules that matter here: CRLF, LF or CR line ends (a CRLF may be
 * split across chunks), `:` comments (keep-alives), one optional space after the colon, multi-line `data`, an event
 * dispatched at a blank line, and a half-received event dropped when the stream ends.
 */

export interface ServerSentEvent {
  /** `message` when the server sent no `event:` line. */
  event: string;
  data: string;
  /** The last `id:` seen on the stream, or null. */
  id: string | null;
}

export interface SseParser {
  /** Feeds decoded text; calls `onEvent` for every complete event in it. */
  feed(text: string): void;
  /** The stream ended: forgets any half-received event, as the spec says. */
  end(): void;
}

export function createSseParser(onEvent: (event: ServerSentEvent) => void): SseParser {
  let buffer = '';
  /** The previous chunk ended with CR: an LF at the start of the next one belongs to that line end. */
  let skipLeadingLf = false;
  let eventType = '';
  let dataLines: string[] = [];
  let lastId: string | null = null;

  const dispatch = (): void => {
    if (dataLines.length > 0)
      onEvent({ event: eventType || 'message', data: dataLines.join('\n'), id: lastId });
    eventType = '';
    dataLines = [];
  };

  const processLine = (line: string): void => {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      default:
        // `retry` and unknown fields: nothing to do for a fetch-based reader.
        break;
    }
  };

  return {
    feed(text) {
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const ch = buffer[i];
        if (ch !== '\n' && ch !== '\r') continue;
        processLine(buffer.slice(start, i));
        if (ch === '\r') {
          if (i + 1 < buffer.length) {
            if (buffer[i + 1] === '\n') i++;
          } else {
            skipLeadingLf = true;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    end() {
      buffer = '';
      eventType = '';
      dataLines = [];
      skipLeadingLf = false;
    },
  };
}
