// aws-chunked bodies (Content-Encoding: aws-chunked): the SDKs frame a streamed upload as
// `<hex size>[;chunk-signature=..]\r\n<data>\r\n ... 0\r\n<trailer>:<value>\r\n\r\n`, with the
// checksum in a trailer. This undoes the framing and keeps the trailers.
import { Transform, type TransformCallback } from 'node:stream';
import { invalidRequest } from './errors';

const MAX_LINE = 4096;

export class AwsChunkedDecoder extends Transform {
  readonly trailers: Record<string, string> = {};
  private line = '';
  private remaining = 0;
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';

  _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.consume(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  _flush(done: TransformCallback): void {
    // The SDK ends a body without trailers right after `0\r\n`.
    if (this.state === 'trailer' || this.state === 'done') done();
    else done(invalidRequest('The aws-chunked body ended before its final chunk.'));
  }

  private consume(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, chunk.length - i);
        this.push(chunk.subarray(i, i + n));
        i += n;
        this.remaining -= n;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const nl = chunk.indexOf(10, i);
      const end = nl < 0 ? chunk.length : nl;
      this.line += chunk.toString('latin1', i, end);
      if (this.line.length > MAX_LINE) throw invalidRequest('An aws-chunked header line is too long.');
      i = end + 1;
      if (nl < 0) break;
      const text = this.line.replace(/\r$/, '');
      this.line = '';
      this.onLine(text);
    }
  }

  private onLine(text: string): void {
    switch (this.state) {
      case 'data-end':
        if (text !== '') throw invalidRequest('An aws-chunked chunk is longer than its declared size.');
        this.state = 'size';
        return;
      case 'size': {
        const size = Number.parseInt(text.split(';')[0], 16);
        if (!Number.isFinite(size) || size < 0) throw invalidRequest('An aws-chunked chunk size is not valid.');
        this.remaining = size;
        this.state = size === 0 ? 'trailer' : 'data';
        return;
      }
      case 'trailer': {
        if (text === '') {
          this.state = 'done';
          return;
        }
        const colon = text.indexOf(':');
        if (colon > 0) this.trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
        return;
      }
      default:
        return;
    }
  }
}

/** Content-Encoding without the aws-chunked framing token: what S3 stores and returns. */
export function storedContentEncoding(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const rest = value.split(',').map((s) => s.trim()).filter((s) => s && s.toLowerCase() !== 'aws-chunked');
  return rest.length ? rest.join(',') : undefined;
}

export function isAwsChunked(contentEncoding: string | undefined): boolean {
  return !!contentEncoding && contentEncoding.split(',').some((s) => s.trim().toLowerCase() === 'aws-chunked');
}
