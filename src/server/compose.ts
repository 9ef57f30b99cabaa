// A gateway is a chain of steps; each may answer or pass on to the next.
export type Next = () => Promise<void>;
export type Step<C> = (ctx: C, next: Next) => Promise<void> | void;

export function compose<C>(steps: Step<C>[]): (ctx: C) => Promise<void> {
  return function run(ctx: C): Promise<void> {
    // Not an async wrapper per step: each would add a promise and a microtask hop to every request.
    const dispatch = (i: number): Promise<void> => {
      const step = steps[i];
      if (!step) return Promise.resolve();
      try {
        return Promise.resolve(step(ctx, () => dispatch(i + 1)));
      } catch (err) {
        return Promise.reject(err);
      }
    };
    return dispatch(0);
  };
}
