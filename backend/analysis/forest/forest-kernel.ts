/**
 * Grows a forest's trees as a parallel kernel: tree t depends only on (x, y, params, t), its generator being
 * `createRng(deriveSeed(params.seed, t))`, so blocks of trees can run on any thread in any order and the forest
 * (and its JSON) is bit-identical to `fitForest` for any ParallelMap and any thread count.
 *
 * Glossary:
 * - shared: the ForestInput (x column-major n×p, y, n, p, task) plus the resolved parameters; every tree's seed is
 *   derived from `params.seed` and its index, so no seed list needs to be sent;
 * - item: a block of consecutive tree indices { first, count }; result: those trees, in index order.
 */
import type { FitContext } from '../learners/trained-model.js';
import type { ComputeKernel, ParallelMap } from '../parallel/parallel-map.js';
import { serialMap } from '../parallel/parallel-map.js';
import type { Tree } from '../trees/tree.js';
import {
  assembleForest,
  checkForestFit,
  fitForestTree,
  type ForestInput,
  type RandomForestModel,
  type ResolvedForestParams,
} from './random-forest.js';

/** What every thread receives once per call. Not mutated. */
export type ForestShared = ForestInput & { params: ResolvedForestParams };

/** Trees first, first + 1, …, first + count − 1. */
export interface TreeBlock {
  first: number;
  count: number;
}

export const forestTreesKernel: ComputeKernel<ForestShared, TreeBlock, Tree[], ForestShared> = {
  name: 'forest.trees',
  setup: (shared) => shared,
  run(shared, block, signal) {
    const trees: Tree[] = [];
    for (let t = block.first; t < block.first + block.count; t++) {
      signal?.throwIfAborted();
      trees.push(fitForestTree(shared, shared.params, t));
    }
    return trees;
  },
};

export interface ForestParallelOptions {
  /**
   * Trees per item (default ⌈nTrees / (16·lanes)⌉): larger blocks cost fewer messages, smaller ones balance the
   * threads better and report progress more often. Does not change the model.
   */
  treesPerItem?: number;
}

/** The blocks 0..nTrees−1 is cut into, `size` trees each (the last may be shorter). */
export function treeBlocks(nTrees: number, size: number): TreeBlock[] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`forest: treesPerItem must be an integer ≥ 1, got ${size}`);
  const blocks: TreeBlock[] = [];
  for (let first = 0; first < nTrees; first += size)
    blocks.push({ first, count: Math.min(size, nTrees - first) });
  return blocks;
}

/**
 * `fitForest` with the trees grown on `map` (default: in-process, one block after another); the model is
 * bit-identical to `fitForest(input, params)` for any ParallelMap. Input errors are thrown (as RangeError) on the
 * calling thread before any tree is grown. Progress is reported as blocks finish (fraction of trees grown); the
 * signal stops outstanding blocks and the promise rejects with what it throws. The out-of-bag score, if asked
 * for, is computed on the calling thread. Mutates nothing it is given.
 */
export async function fitForestParallel(
  input: ForestInput,
  params: ResolvedForestParams,
  map: ParallelMap = serialMap,
  ctx: FitContext = {},
  options: ForestParallelOptions = {},
): Promise<RandomForestModel> {
  checkForestFit(input, params);
  const size = options.treesPerItem ?? Math.max(1, Math.ceil(params.nTrees / (16 * map.lanes)));
  const blocks = treeBlocks(params.nTrees, size);
  const shared: ForestShared = {
    x: input.x,
    n: input.n,
    p: input.p,
    y: input.y,
    task: input.task,
    params,
  };
  let grown = 0;
  const results = await map.map(forestTreesKernel, shared, blocks, {
    signal: ctx.signal,
    onResult: (_, trees) => {
      grown += trees.length;
      ctx.onProgress?.(grown / params.nTrees);
    },
  });
  return assembleForest(input, params, results.flat());
}
