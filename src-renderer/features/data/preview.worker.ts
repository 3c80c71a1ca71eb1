/** Parses a dropped file off the main thread, so a large table never freezes the page. */
import { parsePreview } from './parse-preview.js';
import type { PreviewRequest, PreviewResponse } from './preview-protocol.js';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null;
  postMessage(message: PreviewResponse): void;
};

scope.onmessage = (event) => {
  const { id, fileName, bytes } = event.data;
  scope.postMessage({ id, result: parsePreview(fileName, new Uint8Array(bytes)) });
};
