import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ShutdownDrain } from './http/shutdown-drain';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** Makes the validated configuration and the root logger injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: PinoLogger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: logger },
        ShutdownDrain,
      ],
      exports: [APP_CONFIG, ROOT_LOGGER, ShutdownDrain],
    };
  }
}
