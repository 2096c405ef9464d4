import { apiErrorFrom, authHeaders, refreshSession } from './api';

export interface UploadedFile {
  id: string;
  name: string;
  sizeBytes: number;
  pageCount?: number | null;
  sha256?: string;
}

export interface UploadOptions {
  purpose: string;
  sizeClass: 'ordinary' | 'large' | 'photo';
  /** 0–100 as the browser sends the bytes. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

function send(file: File, opts: UploadOptions): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => resolve({ status: 0, text: '' });
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('purpose', opts.purpose);
    form.append('sizeClass', opts.sizeClass);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Uploads one file to `POST /api/files` with XMLHttpRequest so the caller sees upload progress
 * (fetch has no upload progress). Errors come back as the same ApiError the request client throws.
 */
export async function uploadFile(file: File, opts: UploadOptions): Promise<UploadedFile> {
  let res = await send(file, opts);
  if (res.status === 401 && (await refreshSession())) res = await send(file, opts);
  if (res.status < 200 || res.status >= 300) throw apiErrorFrom(res.status, res.text);
  opts.onProgress?.(100);
  return JSON.parse(res.text) as UploadedFile;
}
