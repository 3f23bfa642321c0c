import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  answerClientError,
  AppConfig,
  createLogger,
  registerRequestBodies,
  sendError,
  createValidationPipe,
  EnvelopeExceptionFilter,
  PinoNestLogger,
  requestLoggerFactory,
  ShutdownDrain,
} from '@atrium/core';
import { randomUUID } from 'node:crypto';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyMultipart from '@fastify/multipart';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OpenApiDocuments, PlatformMetrics } from '@atrium/server';
import { projectCorsDelegator, ProjectRegistry } from '@atrium/tenancy';
import { platformVersion } from '@atrium/core';
import { ApiModule } from './api.module';
import { registerConsole } from './console/console-files';
import { registerReferenceAssets } from './server/api-reference/reference-assets';
import { recordRequestMetrics } from './server/request-metrics';
import { registerRequestLogging } from './request/request-logging';

/** The only routes that take multipart bodies; every other route answers 415 to one. */
const MULTIPART_ROUTES = [
  'POST /:project/files',
  'PATCH /:project/files/:id',
  'POST /:project/utils/import/:collection',
];
const frameworkLogger = new Logger('Errors');

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
  const rootLogger = createLogger(config.logLevel, 'atrium-api', {
    style: config.logStyle,
    destination: options.logDestination,
  });
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    childLoggerFactory: requestLoggerFactory,
    // One line per answered request, with its project, user and error code (registerRequestLogging).
    logController: new LogController({ disableRequestLogging: true }),
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
    // What the router and Node's parser refuse answers in the envelope too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendError(error, request, reply, frameworkLogger),
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, rootLogger),
    adapter,
    {
      logger: new PinoNestLogger(rootLogger),
      abortOnError: false,
      // Our own parsers (registerRequestBodies): Nest's would add application/x-www-form-urlencoded.
      bodyParser: false,
    },
  );

  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify, rootLogger);
  app.get(ShutdownDrain).track(fastify);
  // First of the other onRequest hooks: a preflight is answered before anything else looks at the request.
  await app.register(fastifyCors, {
    delegator: projectCorsDelegator(config.cors, app.get(ProjectRegistry)),
  });
  await app.register(fastifyCookie);
  registerRequestBodies(fastify, {
    bodyLimit: config.maxPayloadSize,
    multipartRoutes: MULTIPART_ROUTES,
  });
  // Multipart bodies are not parsed up front: `POST /files` streams their parts to storage.
  await app.register(fastifyMultipart, { limits: { fileSize: config.filesMaxUploadSize } });
  // Callback style: an async hook costs every response a promise and a microtask turn.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  recordRequestMetrics(fastify, app.get(PlatformMetrics));
  await registerConsole(app);
  registerReferenceAssets(app);

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
