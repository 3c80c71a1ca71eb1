/**
 * The `pareto` result body: the non-dominated rows of the uploaded table (thinned for plotting when there are
 * many), how the rows fall into ranked fronts, and the front's summary numbers (hypervolume, knee point,
 * lexicographic choice), so the UI can draw pairwise 2-D, 3-D and parallel-coordinate views.
 *
 * Glossary:
 * - rank: 1 for the non-dominated rows (the Pareto front), 2 for those dominated only by rank-1 rows, and so on;
 * - row: the spreadsheet row number of an input row (header = row 1), as in every other result;
 * - plot thinning: when the front has more than `max_plot_points` rows, `front` holds one row per ε-box of the
 *   front normalised to [0, 1] per objective (every left-out front row is within ε of a kept one in every
 *   objective and no better than it); pareto.csv always lists every row with its rank.
 * Fields after `front` are written by the pareto job; they are optional only so result.json files made before
 * the engine (UI fixtures) stay valid.
 */
import { z } from 'zod';

const Row = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
const Direction = z.enum(['min', 'max']);

export const ParetoObjective = z.strictObject({ column: z.string(), direction: Direction });

export const ParetoPoint = z.strictObject({
  /** Spreadsheet row number of the point. */
  row: z.number().int(),
  /** Objective values in the columns' own units, by column name. */
  values: z.record(z.string(), z.number()),
});

export const ParetoBody = z.strictObject({
  objectives: z.array(ParetoObjective),
  /** Rows with every objective present (the rows that were sorted). */
  n_evaluated: z.number().int(),
  /** Rows on the Pareto front (rank 1). */
  n_front: z.number().int(),
  /** Front rows for the plots (every input column), at most `max_plot_points`; see `plot`. */
  front: z.array(Row),
  /** Input data rows. */
  n_rows: z.number().int().optional(),
  /** Rows left out because an objective is missing or not a number; the first 100 are listed. */
  n_excluded: z.number().int().optional(),
  excluded: z
    .array(z.strictObject({ row: z.number().int(), column: z.string(), reason: z.string() }))
    .optional(),
  /** How many ranked fronts, and the size of each (rank 1 first; the first 1000 ranks). */
  n_fronts: z.number().int().optional(),
  front_sizes: z.array(z.number().int()).optional(),
  plot: z
    .strictObject({
      /** Spreadsheet row number of each row of `front`, in the same order. */
      rows: z.array(z.number().int()),
      /** Crowding distance (NSGA-II, within the front) of each row of `front`; null = infinite (a boundary). */
      crowding_distance: z.array(z.number().nullable()),
      thinned: z.boolean(),
      /** ε of the thinning, in normalised objective units (0..1); null when not thinned. */
      epsilon: z.number().nullable(),
    })
    .optional(),
  /** Best and worst value of each objective over the front (column units, by column name). */
  ideal: z.record(z.string(), z.number()).optional(),
  nadir: z.record(z.string(), z.number()).optional(),
  hypervolume: z
    .strictObject({
      /** Volume dominated by the front and bounded by the reference point, in the product of column units. */
      value: z.number(),
      method: z.enum(['exact', 'monte_carlo']),
      /** Monte Carlo only: standard error of `value`, and the number of samples. */
      standard_error: z.number().nullable(),
      samples: z.number().int().nullable(),
      /** Column units, by column name. */
      reference_point: z.record(z.string(), z.number()),
      reference_source: z.enum(['default', 'user']),
      /** Front rows not strictly better than the reference point in every objective (they add nothing). */
      n_outside: z.number().int(),
    })
    .optional(),
  knee: ParetoPoint.extend({
    /** `extremes_hyperplane`: farthest from the plane through the per-objective best points, in normalised
     * objectives; `normalised_sum`: smallest sum of normalised objectives (used when that plane is degenerate). */
    method: z.enum(['extremes_hyperplane', 'normalised_sum', 'single_point']),
    /** Distance to that plane in normalised units (toward the ideal point). */
    distance: z.number(),
  })
    .nullable()
    .optional(),
  lexicographic: z
    .strictObject({
      steps: z.array(
        z.strictObject({
          column: z.string(),
          tolerance: z.number(),
          best: z.number(),
          n_kept: z.number().int(),
        }),
      ),
      choice: ParetoPoint,
    })
    .nullable()
    .optional(),
});
export type ParetoBody = z.infer<typeof ParetoBody>;
