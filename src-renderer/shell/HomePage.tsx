/**
 * The working page: data and its preview (or rows of an experiment log already on the server), the analysis form
 * fed by it, and the job history.
 */
import { useEffect, useState } from 'react';
import { DataPanel } from '../features/data/DataPanel.js';
import { usePreview } from '../features/data/usePreview.js';
import { JobTypePicker } from '../features/analysis/JobTypePicker.js';
import type { FormJobType } from '../features/analysis/JobTypePicker.js';
import { AnalysisForm } from '../features/analysis/AnalysisForm.js';
import { JobsPanel } from '../features/jobs/JobsPanel.js';
import { LogInputCard } from '../features/logs/LogInputCard.js';
import { setLogJobInput, useLogJobInput } from '../features/logs/log-input-store.js';
import { jobHash } from '../shared/useHashRoute.js';

export function HomePage() {
  const { state, load } = usePreview();
  const [formKey, setFormKey] = useState(0);
  const [jobType, setJobType] = useState<FormJobType>('linear_analysis');
  const logInput = useLogJobInput();
  // Rows sent from a log open the form with the job type the log page chose (optimization for "design next runs").
  useEffect(() => {
    if (logInput) {
      setJobType(logInput.jobType);
      setFormKey((k) => k + 1);
    }
  }, [logInput]);
  const file = state.status === 'idle' ? null : state.file;
  const table = state.status === 'done' && state.result.status === 'table' ? state.result.preview : null;
  const usable = state.status === 'done' && state.result.status !== 'error';
  const serverInput = logInput
    ? { jobId: logInput.jobId, inputKey: logInput.inputKey, name: logInput.source.log_name }
    : null;
  const formProps = {
    file: logInput ? null : usable ? file : null,
    serverInput,
    generatedCandidates: logInput?.design ?? null,
    columns: logInput ? logInput.columns : table ? table.columns : usable ? null : undefined,
    onSubmitted: (jobId: string) => {
      // The server input belongs to the job just created; another job needs the rows written again.
      if (logInput) setLogJobInput(null);
      window.location.hash = jobHash(jobId);
    },
    picker: <JobTypePicker value={jobType} onChange={setJobType} />,
  };
  return (
    <>
      <div className="work-grid">
        <DataPanel
          state={state}
          logInput={
            logInput ? <LogInputCard input={logInput} onRemove={() => setLogJobInput(null)} /> : undefined
          }
          onFile={(f) => {
            setLogJobInput(null);
            setFormKey((k) => k + 1);
            void load(f);
          }}
        />
        <AnalysisForm key={`${jobType}-${formKey}`} jobType={jobType} {...formProps} />
      </div>
      <JobsPanel />
    </>
  );
}
