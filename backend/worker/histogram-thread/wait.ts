/** How the two threads of a histogram split wait for each other: a short spin (the other side is usually microseconds away), then a futex sleep. */

/** Polls before sleeping: about a few microseconds. */
const SPIN = 2000;

/**
 * Waits until ctrl[index] === value: polls SPIN times, then sleeps in Atomics.wait. Returns false when the word
 * did not change for `timeoutMs` (the other thread is gone). Blocks the calling thread; mutates nothing.
 */
export function waitForWord(ctrl: Int32Array, index: number, value: number, timeoutMs = 60_000): boolean {
  for (let k = 0; k < SPIN; k++) if (Atomics.load(ctrl, index) === value) return true;
  for (;;) {
    const now = Atomics.load(ctrl, index);
    if (now === value) return true;
    if (Atomics.wait(ctrl, index, now, timeoutMs) === 'timed-out') return Atomics.load(ctrl, index) === value;
  }
}
