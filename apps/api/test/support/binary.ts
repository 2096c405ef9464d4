import type { Response } from 'supertest';

/** supertest parser that collects a binary answer (PDF, .xlsx) into a Buffer on `res.body`. */
export function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** An answer's body as the Buffer type exceljs and pdf readers expect. */
export function bodyBuffer(res: { body: unknown }): Buffer {
  return Buffer.from(res.body as Uint8Array) as unknown as Buffer;
}
