/** How the two threads of a histogram split wait for each other: a spin while the other side is running and about to answer, then a futex sleep. */

/**
 * Longest and shortest poll before sleeping (ms). Waking a sleeping thread costs some tens of microseconds
 * (more on a VM), about what a small node's share of work takes, so a waiter polls first, as OpenMP runtimes
 * (XGBoost's included) do. But when the two threads share one core (a busy machine), polling only takes time
 * from the thread being waited for, so the poll adapts: it doubles after a wait that ended while polling and
 * halves after one that had to sleep.
 */
const SPIN_MAX_MS = 0.05;
const SPIN_MIN_MS = 0.004;

/** This thread's current poll length (each thread has its own copy of this module). */
let spinMs = SPIN_MAX_MS;

/** Polls until ctrl[index] === value (want = true) or !== value (want = false), for at most spinMs. */
function spin(ctrl: Int32Array, index: number, value: number, want: boolean): boolean {
  const until = performance.now() + spinMs;
  do {
    for (let k = 0; k < 256; k++) {
      if ((Atomics.load(ctrl, index) === value) === want) {
        spinMs = Math.min(SPIN_MAX_MS, spinMs * 2);
        return true;
      }
    }
  } while (performance.now() < until);
  spinMs = Math.max(SPIN_MIN_MS, spinMs / 2);
  return false;
}

/**
 * Blocks until ctrl[index] !== from: polls (see above), then sleeps in Atomics.wait. Waits forever; mutates
 * nothing.
 */
export function waitForChange(ctrl: Int32Array, index: number, from: number): void {
  if (spin(ctrl, index, from, false)) return;
  while (Atomics.load(ctrl, index) === from) Atomics.wait(ctrl, index, from);
}

/**
 * Waits until ctrl[index] === value: polls (see above), then sleeps in Atomics.wait. Returns false when the
 * word did not change for `timeoutMs` (the other thread is gone). Blocks the calling thread; mutates nothing.
 */
export function waitForWord(ctrl: Int32Array, index: number, value: number, timeoutMs = 60_000): boolean {
  if (spin(ctrl, index, value, true)) return true;
  for (;;) {
    const now = Atomics.load(ctrl, index);
    if (now === value) return true;
    if (Atomics.wait(ctrl, index, now, timeoutMs) === 'timed-out') return Atomics.load(ctrl, index) === value;
  }
}
