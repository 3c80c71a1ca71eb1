/**
 * One decision tree as flat typed arrays, shared by gradient boosting, random forests and TreeSHAP, so every
 * tree model predicts, explains and serialises the same way.
 *
 * Glossary: node 0 is the root; an internal node sends a row left when x[feature] <= threshold (NaN goes to
 * `defaultLeft`); a leaf has feature −1 and its `value` is the tree's output; `cover` is the training weight that
 * reached the node (row count for forests, hessian sum for boosting), which TreeSHAP needs.
 */
export interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** 1 when a missing value (NaN) goes left. */
  defaultLeft: Uint8Array;
  value: Float64Array;
  cover: Float64Array;
}

export const isLeaf = (tree: Tree, node: number): boolean => tree.feature[node]! < 0;

/** The leaf row i of the column-major n×p matrix x falls into. Pure. */
export function leafOf(tree: Tree, x: Float64Array, n: number, i: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const v = x[tree.feature[node]! * n + i]!;
    const goLeft = Number.isNaN(v) ? tree.defaultLeft[node] === 1 : v <= tree.threshold[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}

/** Adds `scale` × this tree's output for every row of x into `out` (length n). Mutates `out` only. */
export function addTreePredictions(
  tree: Tree,
  x: Float64Array,
  n: number,
  out: Float64Array,
  scale = 1,
): void {
  for (let i = 0; i < n; i++) out[i]! += scale * tree.value[leafOf(tree, x, n, i)]!;
}

/** Plain arrays for JSON; `treeFromJson` restores the typed arrays bit for bit (doubles survive JSON round trips). */
export interface TreeJson {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  default_left: number[];
  value: number[];
  cover: number[];
}

export function treeToJson(t: Tree): TreeJson {
  return {
    feature: [...t.feature],
    threshold: [...t.threshold],
    left: [...t.left],
    right: [...t.right],
    default_left: [...t.defaultLeft],
    value: [...t.value],
    cover: [...t.cover],
  };
}

export function treeFromJson(j: TreeJson): Tree {
  return {
    feature: Int32Array.from(j.feature),
    threshold: Float64Array.from(j.threshold),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    defaultLeft: Uint8Array.from(j.default_left),
    value: Float64Array.from(j.value),
    cover: Float64Array.from(j.cover),
  };
}
