import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AppConfig,
  createLogger,
  createValidationPipe,
  EnvelopeExceptionFilter,
  PinoNestLogger,
} from '@atrium/core';
import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OpenApiDocuments } from '@atrium/server';
import { platformVersion } from '@atrium/core';
import { ApiModule } from './api.module';
import { registerYamlBodies } from './yaml-body';

/** Trust the nearest `hops` proxies (Fastify's numeric form, which the adapter's types omit). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/**
 * Builds the API application (not listening yet). `main.ts` and the e2e tests share it, so tests exercise
 * exactly what production serves.
 */
export async function createApiApp(
  config: AppConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const rootLogger = createLogger(config.logLevel, 'atrium-api', options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    bodyLimit: config.maxPayloadSize,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Keep-alive sockets must not hold a shutdown open forever.
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    // X-Forwarded-For is believed only when IP_TRUST_PROXY says a proxy sets it.
    trustProxy:
      typeof config.auth.ipTrustProxy === 'number'
        ? trustHops(config.auth.ipTrustProxy)
        : config.auth.ipTrustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, rootLogger),
    adapter,
    {
      logger: new PinoNestLogger(rootLogger),
      abortOnError: false,
    },
  );

  await app.register(fastifyCookie);
  // Multipart bodies are not parsed up front: `POST /files` streams their parts to storage.
  await app.register(fastifyMultipart, { limits: { fileSize: config.filesMaxUploadSize } });
  const fastify = app.getHttpAdapter().getInstance();
  registerYamlBodies(fastify);
  // Callback style: an async hook costs every response a promise and a microtask turn.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  app.useGlobalFilters(new EnvelopeExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Atrium')
      .setDescription('Multi-project, Directus-compatible data platform')
      .setVersion(platformVersion())
      .addBearerAuth()
      .build(),
  );
  app.get(OpenApiDocuments).set(document);
  return app;
}
