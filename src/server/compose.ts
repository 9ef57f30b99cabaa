// A gateway is a chain of steps; each may answer or pass on to the next.
export type Next = () => Promise<void>;
export type Step<C> = (ctx: C, next: Next) => Promise<void> | void;

export function compose<C>(steps: Step<C>[]): (ctx: C) => Promise<void> {
  return function run(ctx: C): Promise<void> {
    const dispatch = async (i: number): Promise<void> => {
      const step = steps[i];
      if (step) await step(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}
