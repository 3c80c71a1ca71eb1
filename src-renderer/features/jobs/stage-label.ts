/** The translated name of a progress stage; an unknown stage is shown as the server wrote it. */
import type { Translate } from '../../i18n/useT.js';
import { hasKey } from '../../i18n/messages.js';

export function stageLabel(t: Translate, stage: string | null): string {
  if (!stage) return '';
  const key = `stage.${stage}`;
  return hasKey(key) ? t(key) : stage;
}
