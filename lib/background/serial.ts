/**
 * One queue for every read-modify-write of the timer and the outbox. Storage has no
 * transactions: two changes interleaving (a stop queuing a log while a retry updates another)
 * would each write back what they read and lose the other's change. Run through here, each
 * change reads what the previous one wrote. Never call `serial` from inside a `serial` change,
 * and keep network requests outside it.
 */
let queue: Promise<unknown> = Promise.resolve();

export function serial<T>(change: () => Promise<T>): Promise<T> {
  const next = queue.then(change, change);
  queue = next.catch(() => undefined);
  return next;
}
