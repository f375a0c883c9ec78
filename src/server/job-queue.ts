// A small in-memory queue for long VaR runs started from the dashboard. It runs a few jobs
// at once (a VaR run already uses every core), keeps a bounded number waiting and refuses
// more (the API answers 429), and remembers a bounded number of finished jobs so their
// results can still be fetched by id. Listeners receive every change, for the SSE stream.
import { randomUUID } from 'node:crypto';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobProgress {
  readonly done: number;
  readonly total: number;
}

export interface JobFailure {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export interface JobView<R> {
  readonly id: string;
  readonly status: JobStatus;
  readonly progress: JobProgress;
  readonly result?: R;
  readonly error?: JobFailure;
  readonly createdAt: string;
}

export interface JobContext {
  readonly signal: AbortSignal;
  report(progress: JobProgress): void;
}

export type JobTask<R> = (ctx: JobContext) => Promise<R>;

export interface JobQueueOptions {
  /** Jobs running at once. */
  readonly concurrency: number;
  /** Jobs allowed to wait beyond the running ones; more are refused. */
  readonly maxWaiting: number;
  /** Finished jobs remembered for GET /api/jobs/:id; the oldest are forgotten first. */
  readonly maxFinished: number;
  readonly now: () => Date;
  /** Turns whatever a task threw into what the API shows. */
  readonly describeError: (error: unknown) => JobFailure;
}

export class QueueFullError extends Error {
  constructor(readonly waiting: number) {
    super(`the VaR queue is full (${waiting} runs waiting); try again when one finishes`);
    this.name = 'QueueFullError';
  }
}

type Listener<R> = (job: JobView<R>) => void;

interface JobRecord<R> {
  view: JobView<R>;
  readonly task: JobTask<R>;
  readonly listeners: Set<Listener<R>>;
  readonly aborter: AbortController;
}

export class JobQueue<R> {
  private readonly jobs = new Map<string, JobRecord<R>>();
  private readonly waiting: JobRecord<R>[] = [];
  private readonly finishedOrder: string[] = [];
  private running = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: JobQueueOptions) {}

  /** Queue a task; throws QueueFullError when maxWaiting jobs are already waiting. */
  submit(task: JobTask<R>): JobView<R> {
    if (this.closed) throw new Error('the job queue is closed');
    if (this.waiting.length >= this.options.maxWaiting && this.running >= this.options.concurrency) {
      throw new QueueFullError(this.waiting.length);
    }
    const record: JobRecord<R> = {
      view: { id: randomUUID(), status: 'queued', progress: { done: 0, total: 0 }, createdAt: this.options.now().toISOString() },
      task,
      listeners: new Set(),
      aborter: new AbortController(),
    };
    this.jobs.set(record.view.id, record);
    this.waiting.push(record);
    this.pump();
    return record.view;
  }

  get(id: string): JobView<R> | undefined {
    return this.jobs.get(id)?.view;
  }

  /** Call `listener` on every change of the job until it finishes; returns an unsubscribe function. */
  subscribe(id: string, listener: Listener<R>): () => void {
    const record = this.jobs.get(id);
    if (record === undefined) return () => {};
    record.listeners.add(listener);
    return () => record.listeners.delete(listener);
  }

  /**
   * Refuse new jobs, drop the waiting ones, abort the running ones and wait until they have
   * cleaned up (a cloud run stops the instances it started).
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const record of this.waiting.splice(0))
      this.update(record, { status: 'failed', error: { code: 'cancelled', message: 'the server shut down before this run started' } });
    for (const record of this.jobs.values()) record.aborter.abort(new Error('server shutting down'));
    await Promise.allSettled([...this.inFlight]);
  }

  private pump(): void {
    while (this.running < this.options.concurrency) {
      const next = this.waiting.shift();
      if (next === undefined) return;
      this.running++;
      const execution = this.execute(next).finally(() => {
        this.running--;
        this.inFlight.delete(execution);
        if (!this.closed) this.pump();
      });
      this.inFlight.add(execution);
    }
  }

  private async execute(record: JobRecord<R>): Promise<void> {
    this.update(record, { status: 'running' });
    try {
      const result = await record.task({
        signal: record.aborter.signal,
        report: (progress) => this.update(record, { progress }),
      });
      const total = Math.max(record.view.progress.total, 1);
      this.update(record, { status: 'done', result, progress: { done: total, total } });
    } catch (error) {
      this.update(record, { status: 'failed', error: this.options.describeError(error) });
    }
    record.listeners.clear();
    this.remember(record.view.id);
  }

  private update(record: JobRecord<R>, change: Partial<JobView<R>>): void {
    record.view = { ...record.view, ...change };
    for (const listener of record.listeners) listener(record.view);
  }

  private remember(id: string): void {
    this.finishedOrder.push(id);
    while (this.finishedOrder.length > this.options.maxFinished) {
      const forgotten = this.finishedOrder.shift();
      if (forgotten !== undefined) this.jobs.delete(forgotten);
    }
  }
}
