import type { Readable } from 'node:stream';

/** Where attachment bytes live: a local folder by default, an S3-compatible bucket when configured. */
export interface FileStorage {
  readonly kind: string;
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
