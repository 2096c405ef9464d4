import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStorage } from './file-storage.js';

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * AWS Signature Version 4 for a path-style request. Exported for its unit test against the
 * published AWS example.
 */
export function signV4(opts: {
  method: string;
  url: URL;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  payloadHash: string;
  date: Date;
  headers?: Record<string, string>;
}): Record<string, string> {
  const amzDate = opts.date.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    host: opts.url.host,
    'x-amz-content-sha256': opts.payloadHash,
    'x-amz-date': amzDate,
    ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const query = [...opts.url.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const canonical = [opts.method, opts.url.pathname, query, canonicalHeaders, signedHeaders, opts.payloadHash].join('\n');
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
  const kDate = hmac(`AWS4${opts.secretAccessKey}`, day);
  const kSigning = hmac(hmac(hmac(kDate, opts.region), opts.service), 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(toSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${opts.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** An S3-compatible bucket (AWS, MinIO, OSS/COS S3 endpoints), path-style, signed with SigV4. */
export class S3FileStorage implements FileStorage {
  readonly kind = 's3';
  constructor(private readonly cfg: S3Config) {}

  private url(key: string): URL {
    return new URL(`${this.cfg.endpoint.replace(/\/$/, '')}/${this.cfg.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
  }

  private async send(method: string, key: string, body?: Buffer, contentType?: string): Promise<Response> {
    const url = this.url(key);
    const headers = signV4({
      method,
      url,
      region: this.cfg.region,
      service: 's3',
      accessKeyId: this.cfg.accessKeyId,
      secretAccessKey: this.cfg.secretAccessKey,
      payloadHash: sha256hex(body ?? ''),
      date: new Date(),
      headers: contentType ? { 'content-type': contentType } : {},
    });
    delete headers.host;
    const res = await fetch(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
    if (!res.ok && !(method === 'DELETE' && res.status === 404)) {
      throw new Error(`S3 ${method} ${key} failed: ${res.status}`);
    }
    return res;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await this.send('PUT', key, data, contentType);
  }

  async get(key: string): Promise<Readable> {
    const res = await this.send('GET', key);
    return Readable.fromWeb(res.body as never);
  }

  async delete(key: string): Promise<void> {
    await this.send('DELETE', key);
  }
}
