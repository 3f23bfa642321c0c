import { Inject, Injectable } from '@nestjs/common';
import type { HeldJob, JobOutbox } from '@atrium/jobs';
import { DataSource } from 'typeorm';
import { PLATFORM_DATA_SOURCE } from '../registry/project-registry';

interface HeldRow {
  id: string;
  queue: string;
  name: string;
  job_id: string;
  payload: unknown;
  attempts: number | null;
  run_at: Date | null;
}

/**
 * The job outbox in the platform database (`atrium_job_outbox`), shared by every API instance. A handover
 * locks the rows it takes (`FOR UPDATE SKIP LOCKED`) and deletes them in the same transaction, so two
 * instances never hand the same job over at once, and a job survives an instance stopped mid-handover.
 */
@Injectable()
export class PlatformJobOutbox implements JobOutbox {
  constructor(@Inject(PLATFORM_DATA_SOURCE) private readonly platform: DataSource) {}

  async hold(job: HeldJob): Promise<void> {
    await this.platform.query(
      `INSERT INTO atrium_job_outbox (queue, name, job_id, payload, attempts, run_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (queue, job_id) DO NOTHING`,
      [job.queue, job.name, job.jobId, JSON.stringify(job.payload), job.attempts ?? null, job.runAt],
    );
  }

  async release(
    limit: number,
    send: (job: HeldJob) => Promise<void>,
  ): Promise<{ sent: number; more: boolean }> {
    // Set when `send` refused: the jobs sent before it are committed as gone, then the refusal is rethrown.
    let refusal: { error: unknown } | null = null;
    const round = await this.platform.transaction(async (manager) => {
      const rows: HeldRow[] = await manager.query(
        `SELECT id, queue, name, job_id, payload, attempts, run_at FROM atrium_job_outbox
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      const sent: string[] = [];
      for (const row of rows) {
        try {
          await send({
            queue: row.queue,
            name: row.name,
            jobId: row.job_id,
            payload: row.payload,
            ...(row.attempts === null ? {} : { attempts: row.attempts }),
            runAt: row.run_at,
          });
        } catch (error: unknown) {
          refusal = { error };
          break;
        }
        sent.push(row.id);
      }
      if (sent.length > 0) await manager.query('DELETE FROM atrium_job_outbox WHERE id = ANY($1)', [sent]);
      return { sent: sent.length, more: rows.length === limit };
    });
    if (refusal !== null) throw (refusal as { error: unknown }).error;
    return round;
  }

  async removeByJobIdPrefix(queue: string, prefix: string): Promise<number> {
    const [{ removed }] = await this.platform.query(
      `WITH gone AS (
         DELETE FROM atrium_job_outbox WHERE queue = $1 AND left(job_id, length($2)) = $2 RETURNING 1
       ) SELECT count(*)::int AS removed FROM gone`,
      [queue, prefix],
    );
    return removed as number;
  }

  async count(queue: string): Promise<number> {
    const [{ held }] = await this.platform.query(
      'SELECT count(*)::int AS held FROM atrium_job_outbox WHERE queue = $1',
      [queue],
    );
    return held as number;
  }
}
