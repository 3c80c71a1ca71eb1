/** One tab per target above a panel (nothing but the panel when there is a single target). */
import type { ReactNode } from 'react';
import { useT } from '../../i18n/useT.js';

interface Props {
  names: readonly string[];
  active: number;
  onSelect(index: number): void;
  /** Prefix of the tab and panel ids, unique on the page. */
  idPrefix: string;
  children: ReactNode;
}

export function TargetTabs({ names, active, onSelect, idPrefix, children }: Props) {
  const t = useT();
  const tabbed = names.length > 1;
  return (
    <>
      {tabbed && (
        <div role="tablist" aria-label={t('result.targets')} className="tabs">
          {names.map((name, i) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${i}`}
              aria-selected={i === active}
              aria-controls={`${idPrefix}-panel`}
              onClick={() => onSelect(i)}
            >
              {name}
            </button>
          ))}
        </div>
      )}
      <div
        id={`${idPrefix}-panel`}
        role={tabbed ? 'tabpanel' : undefined}
        aria-labelledby={tabbed ? `${idPrefix}-tab-${active}` : undefined}
      >
        {children}
      </div>
    </>
  );
}
