import { Module } from '@nestjs/common';

/** Routes for collections, fields, relations and schema snapshots (controllers in this folder). */
@Module({})
export class SchemaApiModule {}
