/**
 * At most `concurrency` holders at once; the others wait in a first-in first-out queue of at
 * most `queueLimit` (a request beyond it is refused at once, so a runaway engine cannot make the
 * server hold unbounded work).
 */
export class CapacityGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Most holders and waiters at once since the last reset. */
  mostAtOnce = 0;

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
  ) {
    if (!(concurrency >= 1) || !(queueLimit >= 0)) throw new Error(`CapacityGate needs concurrency >= 1 and queueLimit >= 0, got ${concurrency} and ${queueLimit}`);
  }

  /** Resolves with a release function once a place is free; undefined when the queue is full. */
  acquire(): Promise<(() => void) | undefined> {
    if (this.active < this.concurrency) return Promise.resolve(this.take());
    if (this.waiting.length >= this.queueLimit) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(this.take()));
      this.note();
    });
  }

  get queued(): number {
    return this.waiting.length;
  }

  private take(): () => void {
    this.active += 1;
    this.note();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
  }

  private note(): void {
    this.mostAtOnce = Math.max(this.mostAtOnce, this.active + this.waiting.length);
  }
}
