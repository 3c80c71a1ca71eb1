/** Messages between a ComputePool and its compute threads (one map call may be in flight per pool). */

export type ToComputeThread =
  /** Builds the kernel's per-thread context for a call; `cancel` is an Int32Array(1) over shared memory. */
  | { type: 'setup'; callId: number; kernel: string; shared: unknown; cancel: SharedArrayBuffer }
  | { type: 'run'; callId: number; index: number; item: unknown }
  /** Drops the call's context (its shared inputs become collectable). */
  | { type: 'release'; callId: number };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type FromComputeThread =
  | { type: 'result'; callId: number; index: number; result: unknown }
  /** index −1: the setup failed. */
  | { type: 'error'; callId: number; index: number; error: SerializedError };
