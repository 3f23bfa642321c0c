import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

/**
 * Work the API repeats in the background for as long as it runs (taking up what a stopped process left):
 * once at start, then every `intervalMs`, never keeping the process alive and never two at once. A sweep
 * that fails is logged and tried again next time (a database briefly away, say).
 */
export abstract class BackgroundSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger('Backups');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  protected abstract readonly intervalMs: number;
  /** What the logged warning says could not be done. */
  protected abstract readonly failure: string;
  protected abstract sweepOnce(): Promise<void>;

  /** Whether this process sweeps at all. */
  protected runsHere(): boolean {
    return true;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsHere()) return;
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): Promise<void> {
    this.running ??= this.sweepOnce()
      .catch((error: unknown) => this.logger.warn({ err: error }, this.failure))
      .finally(() => (this.running = null));
    return this.running;
  }
}
