// The data the assets bench reads: a project `bench` whose admin has a static token, and one ~200 KB JPEG
// of noise (a solid image would compress to almost nothing) uploaded through `POST /<project>/files`.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { sharp } from '../../libs/media/src/sharp';
import { hashToken } from '@atrium/auth';
import { BOUNDARY, fileBody } from '../../test/system-data/multipart-fixture';
import type { ProductionApi } from '../support/production-api';

export const PROJECT = 'bench';
export const WIDTH = 1600;
export const HEIGHT = 1200;
/** The cached variant of scenario 2; scenario 3 asks for `width=VARIANT_WIDTH + n` instead. */
export const VARIANT_QUERY = 'width=200&format=webp';

/**
 * 1600×1200 of random pixels (800×600 of noise, enlarged and blurred): a file the size of a photo's
 * (~210 KB at quality 85), where pure noise would be ~1 MB and a solid image a few KB.
 */
export function noiseJpeg(): Promise<Buffer> {
  const [width, height] = [WIDTH / 2, HEIGHT / 2];
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .resize({ width: WIDTH, height: HEIGHT })
    .blur(4)
    .jpeg({ quality: 85 })
    .toBuffer();
}

export interface StoredImage {
  token: string;
  id: string;
  /** The project's storage folder (`STORAGE_LOCAL_ROOT/<project>/`). */
  folder: string;
  /** The original on disk: `<folder>/<filename_disk>`. */
  original: string;
  size: number;
}

/** Creates the project and uploads the image as its admin; answers where Atrium stored it. */
export async function prepareImage(api: ProductionApi): Promise<StoredImage> {
  await api.createProject(PROJECT);
  const token = `${PROJECT}-admin-token`;
  const db = await api.tenantClient(PROJECT);
  try {
    await db.query('UPDATE directus_users SET token = $1', [hashToken(token)]);
  } finally {
    await db.end();
  }
  const content = await noiseJpeg();
  const uploaded = await api.request('POST', `/${PROJECT}/files`, {
    token,
    rawBody: fileBody('photo.jpg', 'image/jpeg', content),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  if (uploaded.status !== 200) throw new Error(`the upload failed: ${uploaded.text.slice(0, 200)}`);
  const id = uploaded.body.data.id as string;
  const files = await api.tenantClient(PROJECT);
  let filenameDisk: string;
  try {
    const { rows } = await files.query<{ filename_disk: string }>(
      'SELECT filename_disk FROM directus_files WHERE id = $1',
      [id],
    );
    filenameDisk = rows[0].filename_disk;
  } finally {
    await files.end();
  }
  const folder = path.join(api.storageRoot, PROJECT);
  return { token, id, folder, original: path.join(folder, filenameDisk), size: content.length };
}
