/** Counts and per-target summaries gathered chunk by chunk, so the result body describes every row without keeping them. */
import type {
  PredictionBody,
  PredictionTargetSummary,
} from '../../../../src-shared/api/prediction-result.js';
import type { TargetColumns } from './prediction-csv.js';
import type { ChunkChecks, RangeCheck } from './row-checks.js';
import type { Predictor, PredictorOutput } from './predictor.js';

const DECISION_NAMES: Record<number, string> = { 1: 'positive', 0: 'negative', [-1]: 'gray' };

interface TargetTally {
  n: number;
  min: number;
  max: number;
  sum: number;
  labels: Map<string, number>;
  decisions: Map<string, number>;
  ood: number;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const finite = (v: number) => (Number.isFinite(v) ? v : null);

export class PredictionTally {
  private rows = 0;
  private predicted = 0;
  private outOfRange = 0;
  private missing = 0;
  private unknown = 0;
  private readonly below: number[];
  private readonly above: number[];
  private readonly targets: TargetTally[];

  constructor(
    private readonly predictors: readonly Predictor[],
    private readonly ranges: readonly RangeCheck[],
  ) {
    this.below = ranges.map(() => 0);
    this.above = ranges.map(() => 0);
    this.targets = predictors.map(() => ({
      n: 0,
      min: Infinity,
      max: -Infinity,
      sum: 0,
      labels: new Map(),
      decisions: new Map(),
      ood: 0,
    }));
  }

  add(m: number, checks: ChunkChecks, outputs: readonly (PredictorOutput | null)[]): void {
    this.rows += m;
    this.missing += checks.missingRows;
    this.unknown += checks.unknownRows;
    for (let i = 0; i < m; i++) {
      let all = 1;
      for (const ok of checks.ok) all &= ok[i]!;
      this.predicted += all;
      let out = 0;
      checks.range.forEach((flags, j) => {
        if (flags[i]! < 0) this.below[j]!++;
        else if (flags[i]! > 0) this.above[j]!++;
        out |= flags[i]! !== 0 ? 1 : 0;
      });
      this.outOfRange += out;
    }
    this.predictors.forEach((p, k) => {
      const o = outputs[k];
      if (!o) return;
      const t = this.targets[k]!;
      const ok = checks.ok[k]!;
      for (let i = 0; i < m; i++) {
        if (!ok[i]) continue;
        t.n++;
        const v = o.value[i]!;
        if (p.classes) bump(t.labels, p.classes[v]!);
        else {
          if (v < t.min) t.min = v;
          if (v > t.max) t.max = v;
          t.sum += v;
        }
        if (o.decision) bump(t.decisions, DECISION_NAMES[o.decision[i]!]!);
        if (o.ood) t.ood += o.ood[i]!;
      }
    });
  }

  body(
    base: Pick<PredictionBody, 'model_job_id' | 'model_job_type' | 'source' | 'columns' | 'preview'>,
    columns: readonly TargetColumns[],
  ): PredictionBody {
    const targets = this.predictors.map((p, k): PredictionTargetSummary => {
      const t = this.targets[k]!;
      const regression = p.kind === 'regression';
      return {
        target: p.target,
        kind: p.kind,
        learner: p.learner,
        model_file: p.fileName,
        prediction_column: columns[k]!.value,
        sd_column: columns[k]!.sd,
        uncertainty: p.uncertainty,
        probability_column: columns[k]!.probability,
        classes: p.classes,
        calibrated: p.calibrated,
        thresholds: p.thresholds,
        n_predicted: t.n,
        min: regression && t.n > 0 ? finite(t.min) : null,
        mean: regression && t.n > 0 ? finite(t.sum / t.n) : null,
        max: regression && t.n > 0 ? finite(t.max) : null,
        label_counts: regression ? null : Object.fromEntries(t.labels),
        decision_counts: p.thresholds ? Object.fromEntries(t.decisions) : null,
        n_ood: p.hasOod ? t.ood : null,
      };
    });
    const categorical = new Map<string, true>();
    for (const p of this.predictors)
      for (const f of p.features) if (f.type === 'categorical') categorical.set(f.name, true);
    return {
      ...base,
      n: this.rows,
      counts: {
        rows: this.rows,
        predicted: this.predicted,
        out_of_range: this.outOfRange,
        missing_value: this.missing,
        unknown_category: this.unknown,
      },
      targets,
      features: [
        ...this.ranges.map((r, j) => ({
          name: r.name,
          type: 'numeric' as const,
          min: r.min,
          max: r.max,
          n_below: this.below[j]!,
          n_above: this.above[j]!,
        })),
        ...[...categorical.keys()].map((name) => ({
          name,
          type: 'categorical' as const,
          min: null,
          max: null,
          n_below: 0,
          n_above: 0,
        })),
      ],
    };
  }
}
