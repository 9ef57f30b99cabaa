// Conditional requests and byte ranges, as S3 evaluates them (RFC 9110 order: If-Match,
// If-Unmodified-Since, If-None-Match, If-Modified-Since; a failed precondition beats Not Modified).
import { invalidArgument, invalidRange, notModified, preconditionFailed } from './errors';

export interface ReadConditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

function etagList(header: string): string[] {
  return header.split(',').map((s) => s.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
}

export function etagMatches(header: string, etag: string): boolean {
  const bare = etag.replace(/^"|"$/g, '');
  return etagList(header).some((e) => e === '*' || e === bare);
}

/** HTTP dates have whole seconds: an object is "modified since" only after that second. */
const seconds = (ms: number) => Math.floor(ms / 1000);

/** Throws PreconditionFailed (412) or NotModified (304) when the stored version fails the request's conditions. */
export function checkReadConditions(c: ReadConditions, etag: string, lastModified: number): void {
  if (c.IfMatch !== undefined && !etagMatches(c.IfMatch, etag)) throw preconditionFailed('If-Match');
  if (c.IfMatch === undefined && c.IfUnmodifiedSince && seconds(lastModified) > seconds(c.IfUnmodifiedSince.getTime())) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  if (c.IfNoneMatch !== undefined && etagMatches(c.IfNoneMatch, etag)) throw notModified();
  if (c.IfNoneMatch === undefined && c.IfModifiedSince && seconds(lastModified) <= seconds(c.IfModifiedSince.getTime())) throw notModified();
}

/** CopyObject's x-amz-copy-source-if-* headers: every failure is a 412. */
export function checkCopySourceConditions(
  c: { CopySourceIfMatch?: string; CopySourceIfNoneMatch?: string; CopySourceIfModifiedSince?: Date; CopySourceIfUnmodifiedSince?: Date },
  etag: string, lastModified: number,
): void {
  if (c.CopySourceIfMatch !== undefined && !etagMatches(c.CopySourceIfMatch, etag)) throw preconditionFailed('x-amz-copy-source-If-Match');
  if (c.CopySourceIfMatch === undefined && c.CopySourceIfUnmodifiedSince && seconds(lastModified) > seconds(c.CopySourceIfUnmodifiedSince.getTime())) {
    throw preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  }
  if (c.CopySourceIfNoneMatch !== undefined && etagMatches(c.CopySourceIfNoneMatch, etag)) throw preconditionFailed('x-amz-copy-source-If-None-Match');
  if (c.CopySourceIfNoneMatch === undefined && c.CopySourceIfModifiedSince && seconds(lastModified) <= seconds(c.CopySourceIfModifiedSince.getTime())) {
    throw preconditionFailed('x-amz-copy-source-If-Modified-Since');
  }
}

export interface ByteRange { start: number; end: number }

/**
 * A single `bytes=` range against an object of `size` bytes. Syntax S3 does not understand (or
 * several ranges) means the whole object; a range that starts past the end is InvalidRange (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw invalidRange(header, size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw invalidRange(header, size);
  return { start, end };
}

/** UploadPartCopy's x-amz-copy-source-range: `bytes=first-last`, both required and inside the source. */
export function parseCopyRange(header: string | undefined, size: number): ByteRange | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (!m || Number(m[2]) < Number(m[1])) {
    throw invalidArgument('The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      'x-amz-copy-source-range', header);
  }
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end >= size) throw invalidRange(header, size);
  return { start, end };
}
