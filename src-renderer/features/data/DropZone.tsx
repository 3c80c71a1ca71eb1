/** Where a data file arrives: dropped from Explorer/Finder, or chosen with the keyboard-reachable picker. */
import { useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useT } from '../../i18n/useT.js';

export const ACCEPTED_EXTENSIONS = '.csv,.tsv,.txt,.xlsx';

interface Props {
  onFile(file: File): void;
  /** Offers the sample data set (the home page); absent where only the user's own file makes sense. */
  onSample?: () => void;
  sampleBusy?: boolean;
  /** The hint, when the default (any data file) is not what this place takes. */
  hint?: string;
}

export function DropZone({ onFile, onSample, sampleBusy = false, hint }: Props) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <div
      className="drop-zone"
      data-testid="drop-zone"
      data-over={over}
      role="group"
      aria-label={t('data.dropZone')}
      aria-describedby={hintId}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p id={hintId}>{hint ?? t('data.dropHint')}</p>
      <div className="button-row">
        <button type="button" onClick={() => input.current?.click()}>
          {t('data.chooseFile')}
        </button>
        {onSample && (
          <button type="button" className="secondary" onClick={onSample} disabled={sampleBusy}>
            {t('data.trySample')}
          </button>
        )}
      </div>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED_EXTENSIONS}
        hidden
        aria-label={t('data.chooseFile')}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}
