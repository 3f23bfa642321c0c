import type { TestApp, TestResponse } from '../support/test-app';

export const BOUNDARY = '----atrium-test-file-boundary-5e2d';

/** A multipart/form-data body with text fields first, then one file part, its bytes kept as they are. */
export function fileBody(
  filename: string,
  type: string,
  content: Buffer,
  fields: Record<string, string> = {},
): Buffer {
  const text = Object.entries(fields).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return Buffer.concat([
    Buffer.from(
      `${text.join('')}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** `POST /<project>/files` (or a multipart `PATCH /files/:id` with `method` and `url`) of one file. */
export function sendFile(
  t: TestApp,
  token: string,
  url: string,
  file: { filename: string; type: string; content: Buffer },
  method = 'POST',
): Promise<TestResponse> {
  return t.request(method, url, {
    token,
    rawBody: fileBody(file.filename, file.type, file.content),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
}
