// The data the assets bench reads: a project `bench` whose admin has a static token, and one ~200 KB JPEG
// of noise (a solid image would compress to almost nothing) uploaded through `POST /<project>/files`.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { sharp } from '../../libs/media/src/sharp';
import { sendFile } from '../../test/system-data/multipart-fixture';
import { projectWithAdmin, tenantRows } from '../../test/system-data/system-data-fixture';
import type { TestApp } from '../../test/support/test-app';

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
export async function prepareImage(t: TestApp): Promise<StoredImage> {
  const token = await projectWithAdmin(t, PROJECT);
  const content = await noiseJpeg();
  const uploaded = await sendFile(t, token, `/${PROJECT}/files`, {
    filename: 'photo.jpg',
    type: 'image/jpeg',
    content,
  });
  if (uploaded.status !== 200) throw new Error(`the upload failed: ${uploaded.text.slice(0, 200)}`);
  const id = uploaded.body.data.id as string;
  const [row] = await tenantRows<{ filename_disk: string }>(
    t,
    PROJECT,
    'SELECT filename_disk FROM directus_files WHERE id = $1',
    [id],
  );
  const folder = path.join(t.config.storageLocalRoot, PROJECT);
  return { token, id, folder, original: path.join(folder, row.filename_disk), size: content.length };
}
