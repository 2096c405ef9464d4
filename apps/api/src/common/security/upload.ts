import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Writable } from 'node:stream';
import { ErrorCode } from '@zhicheng/contracts';
import { AppException } from '../errors/app.exception.js';

/** Room for the multipart envelope (boundaries, part headers, the small fields) on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;

export interface UploadOptions {
  /** The largest file any request to this route may carry (the biggest slot). */
  hardMaxBytes: number;
  /** The limit for this request, once the fields sent before the file are known (e.g. the slot's size class). */
  limitFor?: (fields: Record<string, string>) => number;
  /** The answer when the file is over its limit. */
  tooLarge: (limit: number) => AppException;
  /** Where the bytes go; without, they are gathered in memory. */
  sink?: Writable;
  /** Field name reported in errors. */
  field?: string;
}

export interface ReceivedUpload {
  filename: string;
  fields: Record<string, string>;
  bytes: number;
  data: Buffer | null;
}

/**
 * The connection is closed after an over-limit answer: node would otherwise read (and discard) the rest of a
 * 60 MB body to keep the connection alive. With `connection: close` the socket ends once the 413 is written.
 */
export function closeAfterReply(reply: FastifyReply | undefined): void {
  reply?.header('connection', 'close');
}

function malformed(field: string): AppException {
  return new AppException(400, ErrorCode.ValidationFailed, '上传内容格式有误，请重新选择文件上传', { [field]: '上传内容格式有误' });
}

/**
 * Receives the one file of a multipart request while counting its bytes: the declared length is checked before
 * anything is read, and the stream is abandoned (413, connection closed) as soon as it crosses the limit of the
 * request's slot. Every malformed envelope (no boundary, truncated, garbage) answers 400.
 */
export async function receiveUpload(req: FastifyRequest, reply: FastifyReply | undefined, opts: UploadOptions): Promise<ReceivedUpload> {
  const field = opts.field ?? 'file';
  if (!req.isMultipart()) throw new AppException(400, ErrorCode.ValidationFailed, '请以表单方式上传文件', { [field]: '请选择文件' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.hardMaxBytes + ENVELOPE_BYTES) {
    closeAfterReply(reply);
    throw opts.tooLarge(opts.hardMaxBytes);
  }
  let part;
  try {
    part = await req.file({ limits: { fileSize: opts.hardMaxBytes + 1, files: 1, fields: 10, parts: 12, fieldSize: 4096 } });
  } catch {
    closeAfterReply(reply);
    throw malformed(field);
  }
  if (!part) throw new AppException(400, ErrorCode.ValidationFailed, '请选择要上传的文件', { [field]: '请选择文件' });
  const fields: Record<string, string> = {};
  for (const [k, f] of Object.entries(part.fields)) {
    const v = (f as { value?: unknown } | undefined)?.value;
    if (typeof v === 'string') fields[k] = v;
  }
  const limit = Math.min(opts.hardMaxBytes, opts.limitFor?.(fields) ?? opts.hardMaxBytes);
  if (Number.isFinite(declared) && declared > limit + ENVELOPE_BYTES) {
    closeAfterReply(reply);
    part.file.destroy();
    throw opts.tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limit) {
        closeAfterReply(reply);
        part.file.destroy();
        throw opts.tooLarge(limit);
      }
      if (opts.sink) {
        if (!opts.sink.write(chunk)) await new Promise((r) => opts.sink!.once('drain', r));
      } else chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof AppException) throw e;
    closeAfterReply(reply);
    throw malformed(field);
  } finally {
    if (opts.sink) await new Promise<void>((r) => opts.sink!.end(r));
  }
  if (part.file.truncated) {
    closeAfterReply(reply);
    throw opts.tooLarge(limit);
  }
  return { filename: part.filename, fields, bytes, data: opts.sink ? null : Buffer.concat(chunks) };
}
