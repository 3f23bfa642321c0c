import { Module } from '@nestjs/common';
import { CollectionsService } from './collections.service';
import { FieldsService } from './fields.service';
import { ProjectTemplates } from './project-templates';
import { RelationsService } from './relations.service';
import { SchemaService } from './schema.service';
import { SchemaTransaction } from './schema-transaction';

/** The schema services; `SchemaCache` comes from the global `SchemaModule`. */
@Module({
  providers: [
    SchemaTransaction,
    CollectionsService,
    FieldsService,
    RelationsService,
    SchemaService,
    ProjectTemplates,
  ],
  exports: [CollectionsService, FieldsService, RelationsService, SchemaService, ProjectTemplates],
})
export class SchemaServicesModule {}
