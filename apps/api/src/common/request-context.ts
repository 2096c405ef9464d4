import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts (client address) for the audit log, without threading them through every call. */
export interface RequestContext {
  ip: string | null;
  requestId: string;
  /** The client's User-Agent (at most 200 characters), kept with a session so its owner recognises it. */
  userAgent?: string | null;
  /** `performance.now()` when the request came in (answers that must take equal time pad from here). */
  startedMs?: number;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
