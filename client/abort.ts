/**
 * One `abort` listener per signal, however many waits share it. A run passes one signal to every request,
 * queued request and backoff sleep: a listener each put hundreds on it at once (node warns past 10,
 * `MaxListenersExceededWarning`, on every real export). Here each signal gets a single listener that calls
 * whoever is waiting; finished waits unsubscribe, so nothing accumulates.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `fn` once when `signal` aborts (now, if it already has); returns the unsubscribe. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    fn();
    return () => {};
  }
  let fns = waiting.get(signal);
  if (!fns) {
    const set = new Set<() => void>();
    waiting.set(signal, set);
    signal.addEventListener(
      "abort",
      () => {
        waiting.delete(signal);
        for (const f of set) f();
        set.clear();
      },
      { once: true },
    );
    fns = set;
  }
  const mine = () => fn();
  fns.add(mine);
  const set = fns;
  return () => {
    set.delete(mine);
  };
}
