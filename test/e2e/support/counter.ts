// A count a test waits on as an event: `reach(n)` resolves the moment the count gets to n (at
// once if it has), instead of polling it on a timer. The test's timeout bounds the wait.
export interface Counter {
  readonly value: number;
  add(n?: number): void;
  reach(n: number): Promise<void>;
}

export function counter(): Counter {
  let value = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    get value() {
      return value;
    },
    add(n = 1) {
      value += n;
      for (const w of waiters.filter((x) => value >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    reach: (n) => (value >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}
