/**
 * The state every job form shares: the values being edited, which fields were touched, whether submit was tried,
 * the problems found by the form's validation (shown per field once touched or tried), and the submission itself.
 */
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useT } from '../../i18n/useT.js';
import type { FieldProblem } from './linear-form.js';
import { problemText } from './problem-text.js';
import type { ServerInput, SubmitInput } from './submit-job.js';
import { useSubmitJob } from './useSubmitJob.js';

type Submission = Omit<SubmitInput, 'onProgress' | 'signal' | 'onUploaded'>;

export function useJobForm<V>(options: {
  initial: () => V;
  validate: (values: V) => FieldProblem[];
  file: File | null;
  /** Rows already written as an input on the server (from an experiment log), used instead of a file. */
  serverInput?: ServerInput | null | undefined;
  /**
   * A file the form makes itself from its values (optimization's header-only "no existing runs"), sent instead of
   * the data set; null to send the data set. Keep it stable (useCallback): it is recomputed when it changes.
   */
  ownInput?: ((values: V) => File | null) | undefined;
  /** The submission for valid values (called only when there are no problems and a file is chosen). */
  build: (values: V, file: File) => Submission;
  onSubmitted: (jobId: string) => void;
}) {
  const t = useT();
  const [values, setValues] = useState<V>(options.initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const { state, submit, cancel } = useSubmitJob();
  const { validate } = options;
  const problems = useMemo(() => validate(values), [validate, values]);
  const { ownInput } = options;
  const own = useMemo(() => (ownInput ? ownInput(values) : null), [ownInput, values]);

  const errorOf = (field: string): string | undefined => {
    if (!attempted && !touched.has(field)) return undefined;
    const problem = problems.find((p) => p.field === field);
    return problem ? problemText(t, problem) : undefined;
  };
  const update = (field: string, patch: Partial<V>) => {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((s) => new Set(s).add(field));
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const { file, serverInput } = options;
    if ((!file && !serverInput && !own) || problems.length > 0) return;
    // The forms build from a file; a server input has no bytes to send, only a name, so an empty stand-in is enough.
    const jobId = own
      ? await submit(options.build(values, own))
      : serverInput
        ? await submit({ ...options.build(values, new File([], serverInput.name)), uploaded: serverInput })
        : await submit(options.build(values, file!));
    if (jobId) options.onSubmitted(jobId);
  };

  const footer = {
    attempted,
    hasFile: Boolean(options.file ?? options.serverInput ?? own),
    problemCount: problems.length,
    busy: state.phase === 'uploading' || state.phase === 'creating',
    state,
    onCancel: cancel,
  };
  return { values, update, problems, errorOf, onSubmit, footer };
}
