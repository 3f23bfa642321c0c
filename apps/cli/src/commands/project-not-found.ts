import { AtriumException } from '@atrium/core';
import { CliError } from '../errors/cli-error';

/** Turns the platform's 404 for a project key into the CLI's one-line explanation; rethrows anything else. */
export function explainMissingProject(key: string): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof AtriumException && error.code === 'ROUTE_NOT_FOUND') {
      throw new CliError(`there is no project "${key}"; see: npm run cli -- projects:list`);
    }
    throw error;
  };
}
