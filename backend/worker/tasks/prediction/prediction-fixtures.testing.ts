/** Small tables, model files trained on them, and a runner for the prediction task, shared by the prediction tests so they need no other job. */
import { createRng } from '../../../analysis/random/rng.js';
import type { FeatureColumn } from '../../../analysis/learners/feature-encoding.js';
import {
  fitModelPipeline,
  saveModelFile,
  type ModelPipeline,
} from '../../../analysis/learners/model-pipeline.js';
import type { ReferencedJob, TaskContext, TaskOutput } from '../task.js';
import { predictionTask } from './prediction.task.js';

export const BRUSHES = ['nylon', 'steel', 'ceramic'];
export const MODEL_JOB_ID = '1c8f4d2b-3e5a-4b7c-9d0e-2f3a4b5c6d7e';

export interface Rows {
  speed: Float64Array;
  feed: Float64Array;
  brush: string[];
  wear: Float64Array;
  n: number;
}

/** Deburring-like rows: speed 500..3000 rpm, feed 1..10 mm/s, brush type; wear a smooth function plus noise. */
export function makeRows(n: number, seed: number, scale = 1): Rows {
  const rng = createRng(seed);
  const speed = new Float64Array(n);
  const feed = new Float64Array(n);
  const brush: string[] = [];
  const wear = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    speed[i] = 500 + 2500 * scale * rng.next();
    feed[i] = 1 + 9 * rng.next();
    const b = rng.int(3);
    brush.push(BRUSHES[b]!);
    wear[i] = speed[i]! / 1000 + Math.sin(feed[i]! / 2) + [0, 1, 0.4][b]! + 0.05 * rng.next();
  }
  return { speed, feed, brush, wear, n };
}

export function featureColumns(r: Rows): FeatureColumn[] {
  return [
    { name: '回転速度', type: 'numeric', values: r.speed },
    { name: 'feed', type: 'numeric', values: r.feed },
    { name: 'brush', type: 'categorical', values: r.brush },
  ];
}

export const featureValues = (r: Rows) => ({ 回転速度: r.speed, feed: r.feed, brush: r.brush });

/** A CSV of the rows (an extra `memo` column that predictions must pass through), optionally without a column. */
export function rowsCsv(r: Rows, options: { drop?: string; withWear?: boolean } = {}): Uint8Array {
  const cols = ['memo', '回転速度', 'feed', 'brush', ...(options.withWear ? ['摩耗量'] : [])].filter(
    (c) => c !== options.drop,
  );
  const lines = [cols.join(',')];
  for (let i = 0; i < r.n; i++) {
    const cell: Record<string, string> = {
      memo: `run ${i}`,
      回転速度: String(r.speed[i]),
      feed: String(r.feed[i]),
      brush: r.brush[i]!,
      摩耗量: String(r.wear[i]),
    };
    lines.push(cols.map((c) => cell[c]!).join(','));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Fits a pipeline on the rows: regression of wear, or a binary OK/NG label (wear > 2.4). */
export function fitOn(
  r: Rows,
  learner: string,
  params: Record<string, unknown>,
  task: 'regression' | 'binary',
): ModelPipeline {
  return fitModelPipeline({
    learner,
    params: { ...params, task },
    features: featureColumns(r),
    target:
      task === 'regression'
        ? { name: '摩耗量', values: r.wear }
        : { name: 'quality', labels: Array.from(r.wear, (v) => (v > 2.4 ? 'OK' : 'NG')) },
    n: r.n,
  });
}

export function modelJob(
  files: Record<string, string>,
  jobType: ReferencedJob['jobType'] = 'nonlinear_analysis',
): ReferencedJob {
  return {
    field: 'parameters.model_job_id',
    jobId: MODEL_JOB_ID,
    jobType,
    files: Object.entries(files).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })),
  };
}

export const modelFileOf = (p: ModelPipeline) => saveModelFile(p);

export function runPrediction(
  input: Uint8Array,
  job: ReferencedJob,
  parameters: Record<string, unknown> = {},
  inputFileName = 'rows.csv',
): Promise<TaskOutput> {
  const ctx: TaskContext = {
    parameters: { model_job_id: MODEL_JOB_ID, ...parameters },
    input,
    inputFileName,
    references: [job],
    signal: new AbortController().signal,
    progress: () => undefined,
  };
  return predictionTask(ctx);
}

/** predictions.csv as a header and rows of cell texts (the test data has no quoted cells). */
export function readCsv(out: TaskOutput): {
  header: string[];
  rows: string[][];
  column(name: string): string[];
} {
  const text = new TextDecoder().decode(out.files.find((f) => f.name === 'predictions.csv')!.bytes);
  const [head, ...lines] = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n');
  const header = head!.split(',');
  const rows = lines.map((l) => l.split(','));
  return {
    header,
    rows,
    column(name) {
      const k = header.indexOf(name);
      if (k < 0) throw new Error(`no column ${name} in ${header.join(',')}`);
      return rows.map((r) => r[k]!);
    },
  };
}
