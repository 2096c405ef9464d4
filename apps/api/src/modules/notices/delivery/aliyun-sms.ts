import { createHmac, randomUUID } from 'node:crypto';

/**
 * 阿里云短信服务 (dysmsapi, API version 2017-05-25) `SendSms`, over its documented signed RPC HTTP API (signature
 * version 1.0, HMAC-SHA1), with no SDK: the request is a form POST of the common and business parameters plus
 * `Signature`, computed as the vendor documents:
 *   1. sort all parameters (except Signature) by name; percent-encode names and values per RFC 3986 (UTF-8;
 *      space → %20, `*` → %2A, `~` stays) and join them as `name=value` with `&` — the canonicalized query string;
 *   2. StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(canonicalizedQueryString);
 *   3. Signature = Base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign)).
 */
export function aliyunPercentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function aliyunCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
}

export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

export interface AliyunSmsConfig {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
}

export interface SmsRequest {
  phone: string;
  templateCode: string;
  templateParam: Record<string, string>;
  /** Our message id, echoed in the delivery receipt (OutId). */
  outId: string;
}

/** A refusal by the gateway: `retryable` false for answers that a retry cannot change (bad number, bad template). */
export class SmsError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/** Codes of SendSms answers that a later attempt cannot fix (from the vendor's error-code list). */
const PERMANENT = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.TEMPLATE_MISSING_PARAMETERS', 'isv.SMS_TEMPLATE_ILLEGAL', 'isv.SMS_SIGNATURE_ILLEGAL', 'isv.INVALID_PARAMETERS', 'isv.PARAM_LENGTH_LIMIT', 'isv.BLACK_KEY_CONTROL_LIMIT', 'isv.ACCOUNT_NOT_EXISTS', 'InvalidAccessKeyId.NotFound', 'SignatureDoesNotMatch']);

export async function aliyunSendSms(cfg: AliyunSmsConfig, req: SmsRequest, opts: { timeoutMs?: number; now?: Date; nonce?: string } = {}): Promise<{ bizId: string; requestId: string }> {
  const params: Record<string, string> = {
    AccessKeyId: cfg.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    RegionId: 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: opts.nonce ?? randomUUID(),
    SignatureVersion: '1.0',
    Timestamp: (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
    PhoneNumbers: req.phone,
    SignName: cfg.signName,
    TemplateCode: req.templateCode,
    TemplateParam: JSON.stringify(req.templateParam),
    OutId: req.outId,
  };
  const signature = aliyunSignature('POST', params, cfg.accessKeySecret);
  const body = `Signature=${aliyunPercentEncode(signature)}&${aliyunCanonicalQuery(params)}`;
  let res: Response;
  try {
    res = await fetch(cfg.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15000),
    });
  } catch (e) {
    throw new SmsError(`短信网关无法连接：${e instanceof Error ? e.message : String(e)}`, true);
  }
  const text = await res.text();
  let json: { Code?: string; Message?: string; BizId?: string; RequestId?: string } = {};
  try {
    json = JSON.parse(text);
  } catch {
    throw new SmsError(`短信网关返回了无法识别的应答（HTTP ${res.status}）`, res.status >= 500);
  }
  if (json.Code !== 'OK') {
    const code = json.Code ?? `HTTP ${res.status}`;
    throw new SmsError(`短信网关拒绝发送：${code} ${json.Message ?? ''}`.trim(), !PERMANENT.has(code));
  }
  return { bizId: json.BizId ?? '', requestId: json.RequestId ?? '' };
}
