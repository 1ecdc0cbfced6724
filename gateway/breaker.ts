// A consecutive-failure circuit breaker with an injected clock. Cockatiel's breaker reads
// Date.now() itself, so its half-open delay could only be tested by sleeping; this one takes
// `now` and is otherwise the same model: closed → open after `threshold` consecutive failures
// → after `halfOpenMs` one probe call → closed on success, open again on failure.

export class BreakerOpenError extends Error {
  constructor() {
    super('circuit open');
  }
}

export interface BreakerOptions {
  /** Consecutive unhealthy outcomes that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  halfOpenMs: number;
  now?: () => number;
}

type State = { kind: 'closed'; failures: number } | { kind: 'open'; since: number } | { kind: 'half-open' };

export class CircuitBreaker {
  private state: State = { kind: 'closed', failures: 0 };
  private readonly now: () => number;

  constructor(private readonly opts: BreakerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** For the metrics and the operator console. */
  get stateName(): 'closed' | 'open' | 'half-open' {
    return this.state.kind;
  }

  get isOpen(): boolean {
    return this.state.kind !== 'closed';
  }

  /**
   * Runs `call` unless the circuit is open. `unhealthy` decides whether a thrown error says
   * the dependency is unwell (counted) or says something about the request (not counted: the
   * dependency answered, which resets the count like a success).
   */
  async execute<T>(call: () => Promise<T>, unhealthy: (err: unknown) => boolean): Promise<T> {
    const probe = this.admit();
    try {
      const result = await call();
      this.answered(probe);
      return result;
    } catch (err) {
      // A request-level error still means the dependency answered.
      if (unhealthy(err)) this.fail(probe);
      else this.answered(probe);
      throw err;
    }
  }

  /** Throws while open; returns true when this call is the half-open probe. */
  private admit(): boolean {
    const s = this.state;
    if (s.kind === 'open' && this.now() - s.since >= this.opts.halfOpenMs) {
      this.state = { kind: 'half-open' };
      return true;
    }
    if (s.kind !== 'closed') throw new BreakerOpenError();
    return false;
  }

  private answered(probe: boolean) {
    if (probe || this.state.kind === 'closed') this.state = { kind: 'closed', failures: 0 };
  }

  private fail(probe: boolean) {
    const s = this.state;
    if (probe || s.kind === 'half-open') {
      this.state = { kind: 'open', since: this.now() };
    } else if (s.kind === 'closed') {
      const failures = s.failures + 1;
      this.state = failures >= this.opts.threshold ? { kind: 'open', since: this.now() } : { kind: 'closed', failures };
    }
  }
}
