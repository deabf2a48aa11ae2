export interface ScheduleLimits {
  /** Tasks running at once, over all hosts. */
  concurrency: number;
  /** Tasks running at once for one host. */
  perHost: number;
  /** Minimum time between the starts of two tasks for one host. */
  perHostIntervalMs: number;
}

interface HostState {
  running: number;
  /** No task for this host starts before this time. */
  notBefore: number;
}

interface Waiting {
  host: string;
  start: () => void;
}

/**
 * Runs tasks (HTTP requests) under a global limit and per-host limits. Waiting tasks form one
 * queue; each time a slot frees up or a host's interval passes, the queue is scanned in order
 * and every task that may start does. A task waiting for a busy host never holds a global
 * slot, so one slow host cannot stall the others.
 */
export class RequestScheduler {
  private readonly queue: Waiting[] = [];
  private readonly hosts = new Map<string, HostState>();
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;

  constructor(
    private readonly limits: ScheduleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        host,
        start: () => {
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => this.finish(host));
        },
      });
      this.pump();
    });
  }

  /** Hold back every task for `host` until `until` (a server asked to slow down). */
  deferHost(host: string, until: number): void {
    const state = this.host(host);
    state.notBefore = Math.max(state.notBefore, until);
  }

  private host(name: string): HostState {
    let state = this.hosts.get(name);
    if (!state) {
      state = { running: 0, notBefore: 0 };
      this.hosts.set(name, state);
    }
    return state;
  }

  private finish(host: string): void {
    this.running--;
    this.host(host).running--;
    this.pump();
  }

  private pump(): void {
    const now = this.now();
    let wakeAt = Infinity;
    for (let i = 0; i < this.queue.length && this.running < this.limits.concurrency; ) {
      const item = this.queue[i] as Waiting;
      const state = this.host(item.host);
      if (state.running >= this.limits.perHost) {
        i++;
        continue;
      }
      if (state.notBefore > now) {
        wakeAt = Math.min(wakeAt, state.notBefore);
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.running++;
      state.running++;
      state.notBefore = now + this.limits.perHostIntervalMs;
      item.start();
    }
    if (wakeAt < this.timerAt) this.wakeAt(wakeAt);
  }

  private wakeAt(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - this.now()));
  }
}
