/**
 * P-05 offline verification in the browser: the QR's signed payload is checked with SM2 (sm-crypto-v2, loaded only
 * on this route) against the platform's published public keys, and against the last signed revocation list. Keys and
 * list are fetched when the network is there and kept in localStorage, so the check works with the network off.
 */
import { decodeQrPayload, splitQrText, type QrPayload } from '@zhicheng/contracts';

interface PublishedKey { keyId: string; publicKeyHex: string; current: boolean }
interface Cached { keys: PublishedKey[]; revocations: { signed: string; signature: string } | null; fetchedAt: string }
const STORE = 'zc.cert.verify-keys';

export interface OfflineResult {
  signatureValid: boolean;
  problem: string | null;
  data: QrPayload | null;
  /** From the cached revocation list: true revoked, false not listed, null no list. */
  revoked: boolean | null;
  listTime: string | null;
  keysFetchedAt: string | null;
}

async function fetchJson<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(String(r.status));
  return (await r.json()) as T;
}

/** Published keys and revocation list: fresh when online, else the cached copy. */
export async function loadKeys(): Promise<Cached | null> {
  try {
    const [k, rl] = await Promise.all([
      fetchJson<{ sm2: PublishedKey[] }>('/api/public/certificates/public-key'),
      fetchJson<{ signed: string; signature: string }>('/api/public/certificates/revocations').catch(() => null),
    ]);
    const c: Cached = { keys: k.sm2, revocations: rl, fetchedAt: new Date().toISOString() };
    localStorage.setItem(STORE, JSON.stringify(c));
    return c;
  } catch {
    const raw = localStorage.getItem(STORE);
    return raw ? (JSON.parse(raw) as Cached) : null;
  }
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const b64ToHex = (s: string) => hex(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));

/** Fetches keys and the SM2 code while the network is there, so a later check works offline. */
export async function preload(): Promise<void> {
  await Promise.all([loadKeys(), import('sm-crypto-v2')]);
}

export async function verifyQrOffline(text: string, cached: Cached | null): Promise<OfflineResult> {
  const base = { revoked: null, listTime: null, keysFetchedAt: cached?.fetchedAt ?? null };
  const parts = splitQrText(text);
  const data = parts ? decodeQrPayload(parts.payloadJson) : null;
  if (!parts || !data) return { ...base, signatureValid: false, problem: '二维码内容不是本平台的电子证书数据', data: null };
  if (!cached) return { ...base, signatureValid: false, problem: '尚未取得平台公钥：请联网打开一次本页面', data };
  const key = cached.keys.find((k) => k.keyId === data.keyId);
  if (!key) return { ...base, signatureValid: false, problem: '二维码的签名密钥不是本平台公布的密钥', data };
  const { sm2 } = await import('sm-crypto-v2');
  const opts = { der: true, hash: true, userId: '1234567812345678' };
  const ok = sm2.doVerifySignature(parts.payloadBytes, hex(parts.signature), key.publicKeyHex, opts);
  let revoked: boolean | null = null;
  let listTime: string | null = null;
  const rl = cached.revocations;
  if (rl) {
    const listKey = cached.keys.find((k) => k.current) ?? cached.keys[0];
    const listOk = !!listKey && sm2.doVerifySignature(new TextEncoder().encode(rl.signed), b64ToHex(rl.signature), listKey.publicKeyHex, opts);
    if (listOk) {
      const list = JSON.parse(rl.signed) as { generatedAt: string; items: string[] };
      revoked = list.items.includes(data.certificateNo);
      listTime = list.generatedAt;
    }
  }
  return { ...base, signatureValid: ok, problem: ok ? null : '二维码数据签名验证失败，内容可能被篡改', data, revoked, listTime };
}
