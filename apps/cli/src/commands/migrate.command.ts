import { DEFAULT_FANOUT_CONCURRENCY, FanoutResult, TenantMigrationFanout } from '@atrium/tenancy';
import { Command, Option } from 'nest-commander';
import { CliError, INTERRUPTED_EXIT_CODE } from '../errors/cli-error';
import { formatFanoutEvent, formatFanoutSummary } from '../output/fanout-progress';
import { PlatformContext } from '../platform/platform-context';
import { CliCommand } from './cli-command';
import { gracefulInterrupt } from './graceful-interrupt';

interface MigrateOptions {
  all?: boolean;
  from?: string;
  concurrency?: number;
}

const RESUME_HINT = 'run the same command again to resume (finished projects are skipped)';

@Command({
  name: 'migrate',
  description:
    'Apply pending tenant migrations to every project database, a few at a time. Resumable: projects ' +
    'are recorded as they finish, and a rerun skips them.',
})
export class MigrateCommand extends CliCommand {
  constructor(private readonly platform: PlatformContext) {
    super();
  }

  async run(_params: string[], options: MigrateOptions): Promise<void> {
    if (!options.all) {
      throw new CliError(
        'say which projects: --all migrates every project (with --from <key> to start at a key)',
      );
    }
    const concurrency = options.concurrency ?? DEFAULT_FANOUT_CONCURRENCY;
    const fanout = await this.platform.get(TenantMigrationFanout);

    const controller = new AbortController();
    const interrupt = gracefulInterrupt(controller);
    process.on('SIGINT', interrupt);
    const started = Date.now();
    let result: FanoutResult;
    try {
      result = await fanout.migrateAll({
        from: options.from,
        concurrency,
        signal: controller.signal,
        onProgress: (event) => console.log(formatFanoutEvent(event, concurrency)),
      });
    } finally {
      process.removeListener('SIGINT', interrupt);
    }
    console.log(formatFanoutSummary(result, Date.now() - started));

    if (result.failed.length > 0) {
      const keys = result.failed.map((failure) => failure.key).join(', ');
      throw new CliError(
        `${result.failed.length} project(s) failed to migrate (${keys}); fix the cause shown above, then ` +
          RESUME_HINT,
      );
    }
    if (result.interrupted) throw new CliError(`interrupted; ${RESUME_HINT}`, INTERRUPTED_EXIT_CODE);
  }

  @Option({ flags: '--all', description: 'migrate every project (active or suspended)' })
  parseAll(): boolean {
    return true;
  }

  @Option({ flags: '--from <key>', description: 'start at this project key (key order), e.g. to resume' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({
    flags: '--concurrency <n>',
    description: `databases migrated at once (default ${DEFAULT_FANOUT_CONCURRENCY})`,
  })
  parseConcurrency(value: string): number {
    const concurrency = Number(value);
    if (!/^\d+$/.test(value) || concurrency < 1 || concurrency > 64) {
      throw new CliError(`--concurrency must be a whole number from 1 to 64, got "${value}"`);
    }
    return concurrency;
  }
}
