/** The working page: data and its preview, the analysis form fed by it, and the job history. */
import { useState } from 'react';
import { DataPanel } from '../features/data/DataPanel.js';
import { usePreview } from '../features/data/usePreview.js';
import { JobTypePicker } from '../features/analysis/JobTypePicker.js';
import type { FormJobType } from '../features/analysis/JobTypePicker.js';
import { AnalysisForm } from '../features/analysis/AnalysisForm.js';
import { JobsPanel } from '../features/jobs/JobsPanel.js';
import { jobHash } from '../shared/useHashRoute.js';

export function HomePage() {
  const { state, load } = usePreview();
  const [formKey, setFormKey] = useState(0);
  const [jobType, setJobType] = useState<FormJobType>('linear_analysis');
  const file = state.status === 'idle' ? null : state.file;
  const table = state.status === 'done' && state.result.status === 'table' ? state.result.preview : null;
  const usable = state.status === 'done' && state.result.status !== 'error';
  const formProps = {
    file: usable ? file : null,
    columns: table ? table.columns : usable ? null : undefined,
    onSubmitted: (jobId: string) => {
      window.location.hash = jobHash(jobId);
    },
    picker: <JobTypePicker value={jobType} onChange={setJobType} />,
  };
  return (
    <>
      <div className="work-grid">
        <DataPanel
          state={state}
          onFile={(f) => {
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
