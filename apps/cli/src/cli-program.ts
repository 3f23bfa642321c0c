import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandRunner, InjectCommander } from 'nest-commander';

type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/** How the CLI introduces itself in `--help`: by the command people type, not by the script's file name. */
@Injectable()
export class CliProgram implements OnModuleInit {
  constructor(@InjectCommander() private readonly program: CommanderCommand) {}

  onModuleInit(): void {
    this.program
      .name('npm run cli --')
      .description('Atrium admin commands. They use the same configuration (.env, DATA_DIR) as the API.');
  }
}
