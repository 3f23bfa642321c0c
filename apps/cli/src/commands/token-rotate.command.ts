import { Inject } from '@nestjs/common';
import { Command } from 'nest-commander';
import { CLI_ENVIRONMENT, CliEnvironment } from '../boot/cli-environment';
import { CliError } from '../errors/cli-error';
import { rotateStoredSuperAdminToken } from '../token/super-admin-token-store';
import { CliCommand } from './cli-command';

@Command({
  name: 'token:rotate-super-admin',
  description: 'Replace the stored super-admin token with a new one and print it (once).',
})
export class TokenRotateCommand extends CliCommand {
  constructor(@Inject(CLI_ENVIRONMENT) private readonly environment: CliEnvironment) {
    super();
  }

  async run(): Promise<void> {
    if (this.environment.superAdminTokenFromEnvironment) {
      throw new CliError(
        'SUPER_ADMIN_TOKEN is set in the environment (or in .env), which overrides the stored token: ' +
          'change it there, then restart the API',
      );
    }
    const { token, file } = rotateStoredSuperAdminToken(this.environment.dataDir);
    console.log(`New super-admin token (shown once; stored in ${file}):`);
    console.log(`  ${token}`);
    console.log('Restart the API and workers to use it: until then they accept the previous token.');
  }
}
