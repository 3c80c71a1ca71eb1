/** A learner's display name: translated when the dictionary knows it, the engine's own name otherwise. */
import { hasKey } from '../../i18n/messages.js';
import type { Translate } from '../../i18n/useT.js';

export function modelName(t: Translate, name: string): string {
  const key = `model.${name}`;
  return hasKey(key) ? t(key) : name;
}
