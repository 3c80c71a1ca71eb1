/** Runs the preview parser in a Web Worker; where there is none (tests), on the calling thread. */
import { parsePreview } from './parse-preview.js';
import type { PreviewRequest, PreviewResponse } from './preview-protocol.js';
import type { PreviewResult } from './table-preview.js';

let nextId = 1;

export function parseInWorker(fileName: string, bytes: ArrayBuffer): Promise<PreviewResult> {
  if (typeof Worker === 'undefined') return Promise.resolve(parsePreview(fileName, new Uint8Array(bytes)));
  const worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  return new Promise<PreviewResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PreviewResponse>) => {
      if (event.data.id === id) resolve(event.data.result);
      worker.terminate();
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the preview worker failed'));
    };
    const request: PreviewRequest = { id, fileName, bytes };
    worker.postMessage(request, [bytes]);
  });
}
