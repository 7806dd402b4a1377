/**
 * Runs one transaction at a time. The interpreter is synchronous, but reading bodies and writing the journal are not;
 * queuing whole transactions keeps two requests from ever interleaving inside the org, as row locks would on the
 * platform.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.pending++;
    const next = this.tail.then(task, task);
    this.tail = next.then(
      () => this.pending--,
      () => this.pending--
    );
    return next;
  }

  get depth(): number {
    return this.pending;
  }
}
