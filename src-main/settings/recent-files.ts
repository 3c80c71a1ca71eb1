/** The File › Open Recent list: newest first, no duplicates, a fixed length. */
import { MAX_RECENT_FILES } from './settings-schema.js';

export function addRecentFile(list: readonly string[], file: string, max = MAX_RECENT_FILES): string[] {
  return [file, ...list.filter((f) => f !== file)].slice(0, max);
}
