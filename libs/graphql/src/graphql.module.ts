import { Module } from '@nestjs/common';
import { GraphqlRunner } from './execute/graphql-runner';

/** The GraphQL runner (generated schemas, limits, execution); the API binds it to its routes. */
@Module({ providers: [GraphqlRunner], exports: [GraphqlRunner] })
export class GraphqlModule {}
