/**
 * Wait `ms`, or reject with the reason of the first of `signals` to abort. A zero wait does
 * not touch timers at all (tests set delays to 0).
 */
export function sleep(ms: number, signals: readonly AbortSignal[] = []): Promise<void> {
  const aborted = signals.find((s) => s.aborted);
  if (aborted) return Promise.reject(aborted.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', onAbort);
    };
    function onAbort(this: AbortSignal): void {
      cleanup();
      reject(this.reason);
    }
    const timer = setTimeout(() => {
      cleanup();
      resolve();
    }, ms);
    for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
  });
}
