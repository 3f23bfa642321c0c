import { Controller, Get, Head, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, AtriumException } from '@atrium/core';
import type { RequestContext } from '@atrium/permissions';
import { AssetsService, type Asset } from '@atrium/system-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { CurrentContext } from '../request/current-context.decorator';
import { ASSET_SECURITY_HEADERS, cacheControlOf, dispositionOf } from './asset-headers';
import { rangeNotSatisfiable, requestedRange } from './byte-range';
import { isNotModified, rangeStillValid } from './conditional-request';

const ASSET_PATHS = [':id', ':id/:filename'];

/**
 * `GET|HEAD /:project/assets/:id[/:filename]`: a file's bytes, streamed from its storage (the file name in
 * the path is only for the client's benefit). One byte range (206, or 416 with the size), `ETag` and
 * `Last-Modified` with 304 answers, `Cache-Control` private once the request is authenticated, `?download`
 * for an attachment, and Directus's transformations (`key`, `width`, `height`, `fit`, `quality`, `format`,
 * `withoutEnlargement`, `transforms`) served from cached variants. Nothing served here may run in the API's origin: a sandboxing CSP and `nosniff` on
 * every answer, and active types (SVG, HTML, XML…) always as attachments.
 */
@ApiTags('Assets')
@ApiBearerAuth()
@Controller(':project/assets')
export class AssetsController {
  constructor(
    @Inject(AssetsService) private readonly assets: AssetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // The file name in the path is optional: both paths route to one handler. HEAD has a route of its own,
  // declared before GET, so Fastify does not derive one from GET: that one would answer `Content-Length: 0`
  // for an empty body, or read the whole file to discard it.
  @Head(ASSET_PATHS)
  describe(
    @CurrentContext() context: RequestContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(context, id, query, request, reply);
  }

  @Get(ASSET_PATHS)
  serve(
    @CurrentContext() context: RequestContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.send(context, id, query, request, reply);
  }

  private async send(
    context: RequestContext,
    id: string,
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const asset = await this.assets.open(context, id, query, request.headers.accept);
    // The object is open: whatever is answered without its bytes (HEAD, 304, 416, a throw) releases it.
    let body: Readable | null = null;
    try {
      body = this.prepare(context, asset, query, request, reply);
    } finally {
      if (!body) asset.close();
    }
    await reply.send(body ?? undefined);
  }

  /** Sets the answer's status and headers; the body to stream, or null when none is sent. */
  private prepare(
    context: RequestContext,
    asset: Asset,
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Readable | null {
    const { user, role } = context.accountability;
    reply.headers({
      ...ASSET_SECURITY_HEADERS,
      etag: asset.etag,
      'last-modified': asset.modified.toUTCString(),
      'cache-control': cacheControlOf(user !== null || role !== null, this.config.assets.cacheTtlMs),
      'accept-ranges': 'bytes',
      vary: asset.variesByAccept ? 'Origin, Cache-Control, Accept' : 'Origin, Cache-Control',
    });
    if (isNotModified(request.headers, asset)) {
      reply.code(304);
      return null;
    }
    reply.headers({
      'content-type': asset.type,
      'content-disposition': dispositionOf(asset.filenameDownload, asset.type, query.download !== undefined),
    });
    const range = this.rangeOf(request, asset, reply);
    const length = range ? range.end - range.start + 1 : asset.size;
    reply.header('content-length', length);
    if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${asset.size}`);
    // A HEAD answer has the same headers and no body: the bytes are not read.
    if (request.method === 'HEAD') return null;
    return asset.read(range ?? undefined);
  }

  private rangeOf(request: FastifyRequest, asset: Asset, reply: FastifyReply) {
    if (!asset.rangeable || !rangeStillValid(request.headers, asset)) return null;
    try {
      return requestedRange(request.headers.range, asset.size);
    } catch (error) {
      reply.header('content-range', `bytes */${asset.size}`);
      throw error instanceof AtriumException ? error : rangeNotSatisfiable(asset.size);
    }
  }
}
