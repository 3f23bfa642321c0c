import { Module } from '@nestjs/common';
import { SchemaServicesModule } from '@atrium/schema';
import { CollectionsController } from './collections.controller';
import { FieldsController } from './fields.controller';
import { RelationsController } from './relations.controller';
import { SchemaController } from './schema.controller';
import { SchemaReadContext } from './schema-read-context';

/** Routes for collections, fields, relations and schema snapshots (controllers in this folder). */
@Module({
  imports: [SchemaServicesModule],
  controllers: [CollectionsController, FieldsController, RelationsController, SchemaController],
  providers: [SchemaReadContext],
  // The projects controller applies templates while provisioning.
  exports: [SchemaServicesModule],
})
export class SchemaApiModule {}
