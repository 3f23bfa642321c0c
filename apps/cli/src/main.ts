import { INestApplicationContext } from '@nestjs/common';
import { platformVersion } from '@atrium/core';
import { CommandFactory } from 'nest-commander';
import { readCliEnvironment } from './boot/cli-environment';
import { CliModule } from './cli.module';
import { describeCliError } from './errors/describe-cli-error';
import { CliNestLogger } from './logging/cli-nest-logger';
import { PlatformContext } from './platform/platform-context';

/** Runs one command and returns the exit status; whatever happens, the platform is closed first. */
async function main(): Promise<number> {
  let failure: unknown;
  let app: INestApplicationContext | undefined;
  try {
    const environment = readCliEnvironment();
    app = await CommandFactory.runWithoutClosing(CliModule.forRoot(environment), {
      logger: new CliNestLogger(),
      abortOnError: false,
      version: platformVersion(),
      // commander would call process.exit on the program's own usage errors: throw to get here instead.
      errorHandler: (error) => {
        throw error;
      },
      serviceErrorHandler: (error) => {
        failure = error;
      },
    });
  } catch (error) {
    failure = error;
  }
  try {
    await app?.get(PlatformContext).close();
    await app?.close();
  } catch (error) {
    failure ??= error;
  }
  if (failure === undefined) return 0;
  const { message, exitCode } = describeCliError(failure);
  if (message) process.stderr.write(`${message}\n`);
  return exitCode;
}

void main().then((exitCode) => {
  process.exitCode = exitCode;
  // Normally the process ends here on its own, after stdout drains. Should a connection linger anyway, end
  // it: the timer is unref'd, so it never delays a process that is already finishing.
  setTimeout(() => process.exit(exitCode), 5_000).unref();
});
