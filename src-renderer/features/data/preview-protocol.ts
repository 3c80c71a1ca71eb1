/** The messages between the page and the preview worker. */
import type { PreviewResult } from './table-preview.js';

export interface PreviewRequest {
  id: number;
  fileName: string;
  bytes: ArrayBuffer;
}

export interface PreviewResponse {
  id: number;
  result: PreviewResult;
}
