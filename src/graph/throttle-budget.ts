import { ThrottleBudgetExceededError } from '../errors';

/** Sleeps for `ms` milliseconds; injected so tests can record waits instead of spending them. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The total time one cycle may spend waiting before retries (`GRAPH_THROTTLE_BUDGET_SECONDS`). A wait
 * that would overrun it is not started: the cycle fails at once with `ThrottleBudgetExceededError`, so
 * a throttled tenant cannot stretch a cycle into the next one.
 */
export class ThrottleBudget {
  private spentMs = 0;
  private count = 0;

  constructor(
    /** Budget for the whole cycle, in milliseconds. */
    readonly budgetMs: number,
    private readonly sleep: Sleep,
  ) {}

  /** Waits `ms` if the budget allows; `what` describes the request and status for the error. */
  async wait(ms: number, what: string, status: number): Promise<void> {
    const remaining = this.budgetMs - this.spentMs;
    if (ms > remaining) {
      throw new ThrottleBudgetExceededError(
        `${what} answered ${status}; waiting ${ms} ms would exceed the throttle budget ` +
          `(${remaining} ms left of ${this.budgetMs} ms per cycle)`,
        status,
      );
    }
    this.spentMs += ms;
    this.count += 1;
    await this.sleep(ms);
  }

  /** Waits taken so far. */
  get waits(): number {
    return this.count;
  }

  /** Milliseconds waited so far. */
  get waitedMs(): number {
    return this.spentMs;
  }
}
