/** The chosen data file and its local preview, parsed in a worker as soon as the file is picked. */
import { useCallback, useRef, useState } from 'react';
import { parseInWorker } from './parse-in-worker.js';
import type { PreviewResult } from './table-preview.js';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'parsing'; file: File }
  | { status: 'done'; file: File; result: PreviewResult }
  | { status: 'failed'; file: File; message: string };

export function usePreview() {
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const latest = useRef(0);
  const load = useCallback(async (file: File) => {
    const ticket = ++latest.current;
    setState({ status: 'parsing', file });
    try {
      const result = await parseInWorker(file.name, await file.arrayBuffer());
      if (ticket === latest.current) setState({ status: 'done', file, result });
    } catch (error) {
      if (ticket === latest.current) {
        setState({ status: 'failed', file, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }, []);
  return { state, load };
}
