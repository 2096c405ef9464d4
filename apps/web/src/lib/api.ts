import type { FormInstance } from 'antd';
import type { ApiError as ApiErrorBody, TokenResponse } from '@zhicheng/contracts';
import { setClockSkew } from '@zhicheng/contracts';
import { feedback } from './feedback';

/** An API error in the one shape the server answers with; `fields` are keyed by field path. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly fields?: Record<string, string>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.fields = body.fields;
  }
}

// ---------- session (the access token lives in memory only; the refresh token is an httpOnly cookie) ----------

let accessToken: string | null = null;
let refreshing: Promise<TokenResponse | null> | null = null;
type SessionListener = (session: TokenResponse | null) => void;
const listeners = new Set<SessionListener>();
let onUnauthenticated: () => void = () => {
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?redirect=${encodeURIComponent(here)}`);
};

export function setSession(session: TokenResponse | null): void {
  accessToken = session?.accessToken ?? null;
  listeners.forEach((l) => l(session));
}

export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
export function refreshSession(): Promise<TokenResponse | null> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
      followServerClock(res);
      const session = res.ok ? ((await res.json()) as TokenResponse) : null;
      setSession(session);
      return session;
    } catch {
      setSession(null);
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// ---------- requests ----------

/** The SPA's dates follow the server's business clock (see `businessNow` in the contracts), not the PC's. */
function followServerClock(res: Response): void {
  const t = Number(res.headers.get('x-business-time'));
  if (t > 0) setClockSkew(t - Date.now());
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  /** Whether a 401 should try the refresh token and then send the user to /login. Default true. */
  auth?: boolean;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: QueryParams): string {
  const url = path.startsWith('/api') ? path : `/api${path}`;
  if (!query) return url;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${url}?${s}` : url;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const res = await fetch(buildUrl(path, opts.query), {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    credentials: 'same-origin',
    signal: opts.signal,
  });
  followServerClock(res);
  return res;
}

export async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    if (body && typeof body.message === 'string') {
      return new ApiError({ statusCode: res.status, code: body.code ?? 'UNKNOWN', message: body.message, fields: body.fields });
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  const message = res.status >= 500 ? '服务器繁忙，请稍后再试' : `请求失败（${res.status}）`;
  return new ApiError({ statusCode: res.status, code: 'HTTP_' + res.status, message });
}

/** The one request client: JSON in and out, token attached, one refresh-and-retry on 401. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await send(path, opts);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络连接失败，请检查网络后重试' });
  }
  if (res.status === 401 && opts.auth !== false) {
    const session = await refreshSession();
    if (session) res = await send(path, opts);
    if (res.status === 401) {
      onUnauthenticated();
      throw await toApiError(res);
    }
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sends a request with the session token and retries once after a refresh (for non-JSON bodies and answers). */
async function sendRaw(url: string, init: RequestInit): Promise<Response> {
  const go = () => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) }, credentials: 'same-origin' });
  let res = await go();
  if (res.status === 401 && (await refreshSession())) res = await go();
  if (!res.ok) throw await toApiError(res);
  return res;
}

/** uploads one file as multipart form data and answers the JSON body. */
export async function uploadFile<T>(path: string, file: File | Blob, filename = 'upload.xlsx', fields: Record<string, string> = {}): Promise<T> {
  const fd = new FormData();
  // fields first: the server reads those that precede the file part
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', file, filename);
  const res = await sendRaw(buildUrl(path), { method: 'POST', body: fd, headers: { Accept: 'application/json' } });
  return (await res.json()) as T;
}

/** Downloads a file answer (e.g. an .xlsx export of the current query) and saves it under the server's name. */
export async function downloadFile(path: string, query?: QueryParams, fallbackName = '导出.xlsx'): Promise<void> {
  const res = await sendRaw(buildUrl(path, query), { method: 'GET' });
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]!) : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Opens a stored PDF (files need the session token, so a plain link cannot fetch them). */
export async function openStoredFile(id: string): Promise<void> {
  const res = await sendRaw(buildUrl(`/files/${id}/content`), { method: 'GET' });
  const url = URL.createObjectURL(await res.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, query?: QueryParams) => request<T>(path, { query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};

/** The Authorization header of the current session (for XHR uploads and blob downloads beside `request`). */
export function authHeaders(): Record<string, string> {
  return accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
}

/** Reads an error body the server sent (JSON in the one error shape) into an ApiError. */
export function apiErrorFrom(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    if (body && typeof body.message === 'string') {
      return new ApiError({ statusCode: status, code: body.code ?? 'UNKNOWN', message: body.message, fields: body.fields });
    }
  } catch {
    // not JSON
  }
  const message = status === 0 ? '网络连接失败，请检查网络后重试' : status >= 500 ? '服务器繁忙，请稍后再试' : `请求失败（${status}）`;
  return new ApiError({ statusCode: status, code: 'HTTP_' + status, message });
}

/** GETs a binary resource (a PDF) with the session attached; one refresh-and-retry on 401. */
export async function fetchBlob(path: string): Promise<Blob> {
  const url = path.startsWith('/api') ? path : `/api${path}`;
  const get = () => fetch(url, { headers: authHeaders(), credentials: 'same-origin' });
  let res: Response;
  try {
    res = await get();
    if (res.status === 401 && (await refreshSession())) res = await get();
  } catch {
    throw apiErrorFrom(0, '');
  }
  if (!res.ok) throw apiErrorFrom(res.status, await res.text());
  return res.blob();
}

// ---------- showing errors ----------

function fieldPath(key: string): (string | number)[] {
  return key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field messages onto an antd Form and scrolls to and focuses the first one.
 * Returns false when none of the fields belongs to the form.
 */
export function applyFieldErrors(form: FormInstance, err: ApiError): boolean {
  if (!err.fields) return false;
  const known = Object.entries(err.fields).filter(([k]) => {
    try {
      return form.getFieldInstance(fieldPath(k)) !== undefined || form.getFieldValue(fieldPath(k)) !== undefined;
    } catch {
      return false;
    }
  });
  if (known.length === 0) return false;
  form.setFields(known.map(([k, msg]) => ({ name: fieldPath(k), errors: [msg] })));
  form.scrollToField(fieldPath(known[0]![0]), { block: 'center', behavior: 'smooth', focus: true });
  return true;
}

/** Shows any error to the user: on the form's fields when it can, else as a message. */
export function showError(err: unknown, form?: FormInstance): void {
  if (err instanceof ApiError) {
    if (form && applyFieldErrors(form, err)) return;
    if (err.statusCode === 401 && err.code === 'UNAUTHENTICATED') return;
    feedback().error(err.message);
    return;
  }
  if ((err as Error)?.name === 'AbortError') return;
  feedback().error('操作失败，请稍后重试');
}
