import { CommandRunner } from 'nest-commander';

type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/**
 * Base of every command. commander ends the process itself on a sub-command's usage error (a missing
 * `--admin-email`, an unknown option); with `exitOverride` it throws instead, so main still closes the
 * platform and stops an embedded PostgreSQL it started before exiting with commander's status.
 */
export abstract class CliCommand extends CommandRunner {
  override setCommand(command: CommanderCommand): this {
    command.exitOverride();
    return super.setCommand(command);
  }
}
