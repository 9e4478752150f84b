/**
 * Whether the promise settles (resolves or rejects) within `ms`. Never rejects and leaves no
 * timer behind: for bounded waits on shutdown and stops, where a hang must not hold the caller.
 */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const settled = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}
