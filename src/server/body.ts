// Request bodies are read on demand: most are buffered (capped, gzip undone), while an operation
// whose input payload is a stream (S3 PutObject, UploadPart) gets the socket's stream untouched.
import type { Readable } from 'node:stream';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { HttpRequest } from '../protocol/codec';
import { AwsError } from '../protocol/errors';
import type { Operation, ServiceModel } from '../protocol/model';

export const MAX_BODY_BYTES = 20 * 1024 * 1024;
const gunzipAsync = promisify(gunzip);

function tooLarge(): AwsError {
  return new AwsError('RequestEntityTooLarge', `Request body exceeds the maximum of ${MAX_BODY_BYTES} bytes`, 413);
}

function readAll(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        stream.off('data', onData);
        reject(tooLarge()); // node discards the rest of the body once the answer is sent
        return;
      }
      chunks.push(c);
    };
    stream.on('data', onData);
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))); // most bodies are one chunk: no copy
    stream.once('error', reject);
  });
}

/** Node's error when the client closed the connection before the whole request body arrived. */
export function isClientAbort(err: unknown): boolean {
  return (err as { code?: string })?.code === 'ECONNRESET' && (err as Error).message === 'aborted';
}

/** Buffers the body into req.body (once). */
export async function ensureBody(req: HttpRequest): Promise<void> {
  const stream = req.stream;
  if (!stream) return;
  req.stream = undefined;
  let body = await readAll(stream);
  if (body.length && /\bgzip\b/i.test(req.headers['content-encoding'] ?? '')) {
    try {
      body = await gunzipAsync(body, { maxOutputLength: MAX_BODY_BYTES });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new AwsError('InvalidRequest', 'The request body is not valid gzip', 400);
    }
  }
  req.body = body;
}

/** True when the operation's input payload is a stream the handler should read itself. */
export function hasStreamingInput(model: ServiceModel, op: Operation): boolean {
  const input = op.input ? model.shapes[op.input.shape] : undefined;
  const payload = input?.payload ? input.members?.[input.payload] : undefined;
  return !!payload && (!!payload.streaming || !!model.shapes[payload.shape]?.streaming);
}
