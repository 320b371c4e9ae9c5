/**
 * Wraps an operation so that calls with the same key while one is running share its promise: a
 * double click, or the popup and a notification button at once, send exactly one request.
 */
export function singleFlight<A, R>(
  keyOf: (arg: A) => string,
  operation: (arg: A) => Promise<R>,
): (arg: A) => Promise<R> {
  const running = new Map<string, Promise<R>>();
  return (arg) => {
    const key = keyOf(arg);
    const current = running.get(key);
    if (current) return current;
    const next = operation(arg).finally(() => running.delete(key));
    running.set(key, next);
    return next;
  };
}
