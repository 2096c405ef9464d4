import { getAccessToken, refreshSession, toApiError } from './api';

/**
 * Downloads a file from the API (exports, PDFs) with the current session, and saves it under the
 * server's file name. Errors come back as ApiError like every other request.
 */
export async function downloadFile(path: string, query: Record<string, string | number | undefined> = {}, fallbackName = '导出.xlsx'): Promise<void> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const url = `/api${path}${qs.toString() ? `?${qs}` : ''}`;
  const go = async () => {
    const token = getAccessToken();
    return fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  };
  let res = await go();
  if (res.status === 401 && (await refreshSession())) res = await go();
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]!) : fallbackName;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
