import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@atrium/core';
import { DbServers, quoteIdent } from '@atrium/tenancy';
import { BackgroundSweep } from './background-sweep';
import { leftoverScratchDatabases } from './scratch-database';

/** Far longer than any restore takes to bring a backup's rows forward: an older one was left by a crash. */
export const SCRATCH_LEFTOVER_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * Drops the scratch databases of restores that a crashed process left behind (one that stopped mid-restore
 * never reached its own drop): at start and then hourly, those old enough and with nobody connected. Provided
 * by the API, which is where restores run.
 */
@Injectable()
export class LeftoverScratchSweep extends BackgroundSweep {
  protected readonly intervalMs = 60 * 60 * 1000;
  protected readonly failure = 'Could not look for left-behind scratch databases';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly servers: DbServers,
  ) {
    super();
  }

  protected async sweepOnce(): Promise<void> {
    await this.dropLeftovers();
  }

  /** Drops what is left behind now; answers the names dropped. */
  async dropLeftovers(olderThanMs = SCRATCH_LEFTOVER_AFTER_MS): Promise<string[]> {
    const dropped: string[] = [];
    const leftovers = await leftoverScratchDatabases(this.servers, this.config.tenantDbPrefix, olderThanMs);
    for (const { server, name } of leftovers) {
      // Without FORCE: one somebody connected to since it was listed stays for the next sweep.
      try {
        await this.servers.adminPool(server).query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
        dropped.push(name);
      } catch (error) {
        this.logger.warn({ database: name, err: error }, 'Could not drop a scratch database');
      }
    }
    if (dropped.length > 0) {
      this.logger.log({ dropped }, `Dropped ${dropped.length} scratch database(s) a stopped restore left`);
    }
    return dropped;
  }
}
