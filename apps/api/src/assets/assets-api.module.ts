import { Module } from '@nestjs/common';
import { SystemDataModule } from '@atrium/system-data';
import { AssetsController } from './assets.controller';

/** `/:project/assets`: stored files served back (controllers in this folder). */
@Module({
  imports: [SystemDataModule],
  controllers: [AssetsController],
})
export class AssetsApiModule {}
