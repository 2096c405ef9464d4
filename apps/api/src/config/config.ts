import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

/** Validated configuration, read once from the environment at start. */
export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** Empty: run an embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl: string | null;
  /**
   * The API's connection pool and its limits (PostgreSQL server only; the embedded database ignores them):
   * `DB_POOL_SIZE` connections per process; a query running longer than `DB_STATEMENT_TIMEOUT_MS` is cancelled, a
   * row or table lock awaited longer than `DB_LOCK_TIMEOUT_MS` gives up, a transaction left idle longer than
   * `DB_IDLE_IN_TRANSACTION_TIMEOUT_MS` is ended, and a request waiting longer than `DB_POOL_WAIT_MS` for a free
   * connection gives up — each answering 503 「系统繁忙」 instead of hanging.
   */
  db: { poolSize: number; statementTimeoutMs: number; lockTimeoutMs: number; idleInTransactionTimeoutMs: number; poolWaitMs: number };
  /** After SIGTERM/SIGINT: in-flight requests may finish for this long, then the process exits anyway. */
  shutdownTimeoutMs: number;
  dataDir: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** 32 hex chars (16 bytes) SM4 key for personal data at rest: new data is encrypted with it. */
  dataKeyHex: string;
  /** Retired data keys (`DATA_KEYS_OLD`, comma-separated) that still decrypt until `cli.js rotate-data-key` has run. */
  dataKeysOldHex: string[];
  /** Key for the HMAC-SM3 blind index. */
  indexKeyHex: string;
  /**
   * CAPTCHA_TEST_ANSWER (outside production only): every captcha accepts this answer, and only it, so automated and
   * load tests get in without reading the image. Production refuses to start with it set.
   */
  captchaTestAnswer: string | null;
  /**
   * Issue 13: `equalAnswerMs` (AUTH_EQUAL_ANSWER_MS) — a failed login and every password or username recovery
   * answer at a whole multiple of this after the request came in, so a known and an unknown account take the same
   * time (best above the password hashing's time); `sessionIdleMinutes`
   * (SESSION_IDLE_MINUTES) — a session not refreshed for this long ends; `sessionAbsoluteHours`
   * (SESSION_ABSOLUTE_HOURS) — a session ends this long after its sign-in however active it is.
   */
  auth: { equalAnswerMs: number; sessionIdleMinutes: number; sessionAbsoluteHours: number };
  outboxDevSink: boolean;
  webDist: string | null;
  uploadDir: string;
  /** S3-compatible bucket for attachments; null keeps them in `uploadDir`. */
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } | null;
  publicBaseUrl: string;
  /**
   * Which proxies' `X-Forwarded-For` the API believes (`TRUST_PROXY`): `false` (none: the client address is the
   * peer's), a hop count (the last N proxies, whoever they are), or a list of proxy addresses / CIDR ranges (only a
   * peer on the list is believed — a client talking straight to the API cannot choose its address).
   */
  trustProxy: false | number | string[];
  /**
   * Per minute: logins / second factors per address (`login`), registrations and recovery per address (`register`),
   * public lookups per address (`public`), refreshes per session — refresh-token family — (`refresh`), and refreshes
   * with an unknown token per address (`refreshUnknown`).
   */
  rateLimit: { loginPerMinute: number; registerPerMinute: number; publicPerMinute: number; refreshPerMinute: number; refreshUnknownPerMinute: number };
  /** Ed25519 private key (PKCS#8 PEM) signing certificate data. */
  certSigningKeyPem: string;
  /** P-05: JSON bundle of the SM2 seal keys (CERT_SEAL_BUNDLE); development: created in the data folder. */
  sealBundleFile: string;
  /**
   * Retired signing keys (`CERT_SIGNING_KEYS_OLD`: PEM public or private keys, one after another, `\n` allowed):
   * certificates signed with them still verify after a rotation. Identified by `certificateKeyId` (SHA-256 of the
   * public key). NOTE (issue 18): the ofd engineer moves signing to SM2; keep this list and its verification loop.
   */
  certVerifyKeysOldPem: string[];
  /**
   * Background work of the certificate module (issuance batches A-13, ministry report A-14): whether this process
   * takes part (`CERT_WORKER`, default true), how often it looks for work (`CERT_WORKER_POLL_MS`), and how long a
   * claimed batch stays leased to it without a heartbeat (`CERT_BATCH_LEASE_SECONDS`) — after that, any API process
   * resumes it.
   */
  certWorker: { enabled: boolean; pollMs: number; leaseSeconds: number };
  /**
   * X-06 background jobs (pg-boss in the same database): whether this process works jobs (`JOBS_WORKER`, default
   * true; `CERT_WORKER=false` also turns it off), its own pool (`JOBS_POOL_SIZE`), how often an idle worker looks for
   * work (`JOBS_POLL_SECONDS`), the heartbeat after whose absence another process takes a job over
   * (`JOBS_HEARTBEAT_SECONDS`, ≥ 10), how often that is checked (`JOBS_SUPERVISE_SECONDS`), how often schedules are
   * evaluated (`JOBS_CRON_SECONDS`) and how long a stopping process waits for its running jobs (`JOBS_STOP_TIMEOUT_SECONDS`).
   */
  jobs: { worker: boolean; poolSize: number; pollSeconds: number; heartbeatSeconds: number; superviseSeconds: number; cronSeconds: number; stopTimeoutSeconds: number };
  /**
   * X-05 message delivery: attempts before a message goes to the dead-letter list (`MESSAGE_MAX_ATTEMPTS`), the first
   * retry delay in seconds (`MESSAGE_RETRY_DELAY_SECONDS`, doubled per attempt), e-mail over SMTP (`SMTP_*`; null:
   * e-mail is not configured) and SMS (`SMS_PROVIDER` = `aliyun` with `SMS_ALIYUN_*`; null: SMS is not configured).
   */
  messages: {
    /** Messages one process sends at once (`MESSAGE_CONCURRENCY`). */
    concurrency: number;
    maxAttempts: number;
    retryDelaySeconds: number;
    smtp: { host: string; port: number; secure: boolean; requireTls: boolean; user: string | null; password: string | null; from: string; rejectUnauthorized: boolean } | null;
    sms: { provider: 'aliyun'; endpoint: string; accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string; templates: Record<string, string> } | null;
  };
  /**
   * The business clock outside production: `CLOCK_AT` pins it at start to an instant (ISO 8601), and
   * `CLOCK_ADJUSTABLE` lets a loopback caller move it through `POST /api/dev/clock`. Production refuses both.
   */
  clock: { at: string | null; adjustable: boolean };
}

export class ConfigError extends Error {}

function int(name: string, value: string | undefined, def: number, min: number, max: number): number {
  if (value === undefined || value === '') return def;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`配置项 ${name} 的值 "${value}" 无效：应为 ${min} 到 ${max} 之间的整数`);
  }
  return n;
}

function num(name: string, value: string | undefined, def: number, min: number, max: number): number {
  if (value === undefined || value === '') return def;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new ConfigError(`配置项 ${name} 的值 "${value}" 无效：应为 ${min} 到 ${max} 之间的数`);
  return n;
}

function bool(name: string, value: string | undefined, def: boolean): boolean {
  if (value === undefined || value === '') return def;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`配置项 ${name} 的值 "${value}" 无效：应为 true 或 false`);
}

/** `TRUST_PROXY`: empty/false, a hop count, or a comma-separated list of addresses or CIDR ranges; never a bare yes. */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  const v = value?.trim() ?? '';
  if (v === '' || v.toLowerCase() === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n > 10) throw new ConfigError(`配置项 TRUST_PROXY 的值 "${v}" 无效：代理层数应为 0 到 10`);
    return n;
  }
  if (v.toLowerCase() === 'true') {
    throw new ConfigError(
      '配置项 TRUST_PROXY 不再接受 true（那样任何客户端都能伪造自己的地址）：请填写代理层数（如 1）或代理地址列表（如 127.0.0.1,10.0.0.0/8）',
    );
  }
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const item of list) {
    if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) continue; // proxy-addr's named ranges
    const [addr, bits, extra] = item.split('/');
    const family = isIP(addr ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !bitsOk || extra !== undefined) {
      throw new ConfigError(`配置项 TRUST_PROXY 中的 "${item}" 无效：应为代理层数，或以逗号分隔的 IP 地址 / CIDR 网段`);
    }
  }
  return list;
}

function hexKey(name: string, value: string | undefined, bytes: number): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) {
    throw new ConfigError(`配置项 ${name} 无效：应为 ${bytes * 2} 位十六进制字符`);
  }
  return value.toLowerCase();
}

/**
 * An embedded database already in the data folder was encrypted (and its certificates signed) with keys that were in
 * the same folder: making new ones would leave every personal datum unreadable. Refuse instead.
 */
function refuseNewKeysForExistingData(dataDir: string, keyFile: string) {
  const pgdata = path.join(dataDir, 'pgdata');
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    throw new ConfigError(
      `数据目录 ${dataDir} 中已有数据库（pgdata），但缺少它的密钥文件 ${keyFile}：用新生成的密钥启动会使已有的个人信息无法解密、证书无法校验。` +
        `请从备份恢复 ${path.join(dataDir, keyFile)}（或通过环境变量配置原来的密钥）；确实要丢弃这些数据时，删除 ${pgdata} 后再启动。`,
    );
  }
}

/**
 * Development secrets: generated once into the data folder so restarts keep sessions and
 * encrypted data readable. Production must set them explicitly.
 */
function devSecrets(dataDir: string): { jwtSecret: string; dataKeyHex: string; indexKeyHex: string } {
  const file = path.join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  refuseNewKeysForExistingData(dataDir, 'dev-secrets.json');
  mkdirSync(dataDir, { recursive: true });
  const s = {
    jwtSecret: randomBytes(32).toString('hex'),
    dataKeyHex: randomBytes(16).toString('hex'),
    indexKeyHex: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

/** Development certificate signing key: generated once into the data folder, like the other development secrets. */
function devCertKey(dataDir: string): string {
  const file = path.join(dataDir, 'dev-cert-signing-key.pem');
  if (existsSync(file)) return readFileSync(file, 'utf8');
  refuseNewKeysForExistingData(dataDir, 'dev-cert-signing-key.pem');
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, pem, { mode: 0o600 });
  renameSync(tmp, file);
  return readFileSync(file, 'utf8');
}

function certKey(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['env'], dataDir: string): string {
  const raw = env.CERT_SIGNING_KEY?.trim();
  if (!raw) {
    if (nodeEnv === 'production') throw new ConfigError('生产环境必须配置 CERT_SIGNING_KEY（Ed25519 私钥，PKCS#8 PEM）');
    return devCertKey(dataDir);
  }
  const pem = raw.replace(/\\n/g, '\n');
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('type');
  } catch {
    throw new ConfigError('配置项 CERT_SIGNING_KEY 无效：应为 Ed25519 私钥（PKCS#8 PEM）');
  }
  return pem;
}

/** Settings production cannot start without, each with its meaning (the start-up error names every missing one). */
export const PRODUCTION_REQUIRED: Record<string, string> = {
  DATABASE_URL: 'PostgreSQL 连接串，如 postgres://user:pass@host:5432/zhicheng（生产环境不使用内置数据库）',
  JWT_SECRET: '会话令牌（JWT）签名密钥，至少 32 个字符',
  DATA_KEY: '个人信息加密密钥（SM4），32 位十六进制',
  INDEX_KEY: '个人信息检索索引密钥（HMAC-SM3），64 位十六进制',
  CERT_SIGNING_KEY: '电子证书签名私钥（Ed25519，PKCS#8 PEM，可用 \\n 表示换行）',
  CERT_SEAL_BUNDLE: '电子印章（SM2）密钥文件路径，用 node dist/database/cli.js seal-keys <文件> 生成；正式印章应接入合规的签章服务',
  PUBLIC_BASE_URL: '对外访问地址，如 https://zhicheng.example.gov.cn（证书二维码、邮件链接使用）',
};

function oldCertKeys(raw: string | undefined): string[] {
  const text = (raw ?? '').replace(/\\n/g, '\n');
  const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  if (text.trim() && !blocks.length) throw new ConfigError('配置项 CERT_SIGNING_KEYS_OLD 无效：应为一个或多个 PEM 格式的 Ed25519 公钥或私钥');
  return blocks.map((pem, i) => {
    try {
      const key = pem.includes('PRIVATE') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('type');
      return key.export({ type: 'spki', format: 'pem' }).toString();
    } catch {
      throw new ConfigError(`配置项 CERT_SIGNING_KEYS_OLD 的第 ${i + 1} 个密钥无效：应为 Ed25519 公钥或私钥（PEM）`);
    }
  });
}

function sealBundle(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['env'], dataDir: string): string {
  const file = env.CERT_SEAL_BUNDLE?.trim();
  if (file) return path.resolve(file);
  if (nodeEnv === 'production') throw new ConfigError('生产环境必须配置 CERT_SEAL_BUNDLE（电子印章签章密钥文件；正式印章应接入合规的签章服务器）');
  return path.join(dataDir, 'dev-seal-bundle.json');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    throw new ConfigError(`配置项 NODE_ENV 的值 "${nodeEnv}" 无效：应为 development、test 或 production`);
  }
  if (nodeEnv === 'production') {
    const missing = Object.entries(PRODUCTION_REQUIRED).filter(([k]) => !env[k]?.trim());
    if (missing.length) {
      throw new ConfigError(
        `生产环境缺少 ${missing.length} 个必需的配置项（见 docker/.env.example 和 .env.example）：\n` +
          missing.map(([k, meaning]) => `  ${k}：${meaning}`).join('\n'),
      );
    }
  }
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('配置项 DATABASE_URL 无效：应以 postgres:// 或 postgresql:// 开头');
  }
  let jwtSecret = env.JWT_SECRET;
  let dataKeyHex = hexKey('DATA_KEY', env.DATA_KEY, 16);
  let indexKeyHex = hexKey('INDEX_KEY', env.INDEX_KEY, 32);
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('配置项 JWT_SECRET 过短：至少 32 个字符');
  }
  if (!jwtSecret || !dataKeyHex || !indexKeyHex) {
    if (nodeEnv === 'production') {
      throw new ConfigError('生产环境必须配置 JWT_SECRET、DATA_KEY（32位十六进制）和 INDEX_KEY（64位十六进制）');
    }
    const dev = devSecrets(dataDir);
    jwtSecret ??= dev.jwtSecret;
    dataKeyHex ??= dev.dataKeyHex;
    indexKeyHex ??= dev.indexKeyHex;
  }
  let s3: AppConfig['s3'] = null;
  if (env.S3_ENDPOINT) {
    const missing = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((k) => !env[k]);
    if (missing.length) throw new ConfigError(`配置了 S3_ENDPOINT 但缺少 ${missing.join('、')}`);
    if (!/^https?:\/\//.test(env.S3_ENDPOINT)) throw new ConfigError('配置项 S3_ENDPOINT 无效：应以 http:// 或 https:// 开头');
    s3 = {
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION ?? 'us-east-1',
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    };
  }
  const webDist = env.WEB_DIST ? path.resolve(env.WEB_DIST) : null;
  const clockAt = env.CLOCK_AT?.trim() || null;
  if (clockAt && Number.isNaN(Date.parse(clockAt))) {
    throw new ConfigError(`配置项 CLOCK_AT 的值 "${clockAt}" 无效：应为 ISO 8601 时刻，如 2026-10-01T15:59:00Z`);
  }
  const clockAdjustable = bool('CLOCK_ADJUSTABLE', env.CLOCK_ADJUSTABLE, false);
  const captchaTestAnswer = env.CAPTCHA_TEST_ANSWER?.trim() || null;
  if (captchaTestAnswer && !/^[A-Za-z0-9]{4,8}$/.test(captchaTestAnswer)) {
    throw new ConfigError(`配置项 CAPTCHA_TEST_ANSWER 的值无效：应为 4–8 位字母或数字`);
  }
  if (nodeEnv === 'production' && captchaTestAnswer) {
    throw new ConfigError('生产环境不允许设置 CAPTCHA_TEST_ANSWER：验证码必须由人识别');
  }
  if (nodeEnv === 'production' && (clockAt || clockAdjustable)) {
    throw new ConfigError('生产环境不允许设置 CLOCK_AT 或 CLOCK_ADJUSTABLE：业务时钟必须是真实时间');
  }
  return {
    env: nodeEnv,
    port: int('PORT', env.PORT, 3000, 1, 65535),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    db: {
      poolSize: int('DB_POOL_SIZE', env.DB_POOL_SIZE, 10, 1, 200),
      statementTimeoutMs: int('DB_STATEMENT_TIMEOUT_MS', env.DB_STATEMENT_TIMEOUT_MS, 30000, 100, 3600000),
      lockTimeoutMs: int('DB_LOCK_TIMEOUT_MS', env.DB_LOCK_TIMEOUT_MS, 5000, 50, 600000),
      idleInTransactionTimeoutMs: int('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, 60000, 1000, 3600000),
      poolWaitMs: int('DB_POOL_WAIT_MS', env.DB_POOL_WAIT_MS, 5000, 100, 600000),
    },
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 20000, 1000, 600000),
    dataDir,
    jwtSecret: jwtSecret!,
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL', env.ACCESS_TOKEN_TTL, 900, 30, 86400),
    refreshTokenTtlDays: int('REFRESH_TOKEN_TTL_DAYS', env.REFRESH_TOKEN_TTL_DAYS, 7, 1, 90),
    dataKeyHex: dataKeyHex!,
    dataKeysOldHex: (env.DATA_KEYS_OLD ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean)
      .map((k, i) => hexKey(`DATA_KEYS_OLD（第 ${i + 1} 个）`, k, 16)!),
    indexKeyHex: indexKeyHex!,
    captchaTestAnswer,
    auth: {
      equalAnswerMs: int('AUTH_EQUAL_ANSWER_MS', env.AUTH_EQUAL_ANSWER_MS, 500, 0, 10000),
      sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30, 1, 1440),
      sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12, 1, 720),
    },
    outboxDevSink: bool('OUTBOX_DEV_SINK', env.OUTBOX_DEV_SINK, nodeEnv !== 'production'),
    webDist,
    uploadDir: path.resolve(env.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    s3,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT ?? 3000}`,
    trustProxy: trustProxySetting(env.TRUST_PROXY),
    rateLimit: {
      loginPerMinute: int('RATE_LOGIN_PER_MIN', env.RATE_LOGIN_PER_MIN, 20, 1, 100000),
      registerPerMinute: int('RATE_REGISTER_PER_MIN', env.RATE_REGISTER_PER_MIN, 10, 1, 100000),
      publicPerMinute: int('RATE_PUBLIC_PER_MIN', env.RATE_PUBLIC_PER_MIN, 60, 1, 100000),
      refreshPerMinute: int('RATE_REFRESH_PER_MIN', env.RATE_REFRESH_PER_MIN, 30, 1, 100000),
      refreshUnknownPerMinute: int('RATE_REFRESH_UNKNOWN_PER_MIN', env.RATE_REFRESH_UNKNOWN_PER_MIN, 60, 1, 100000),
    },
    certSigningKeyPem: certKey(env, nodeEnv, dataDir),
    certVerifyKeysOldPem: oldCertKeys(env.CERT_SIGNING_KEYS_OLD),
    sealBundleFile: sealBundle(env, nodeEnv, dataDir),
    certWorker: {
      enabled: bool('CERT_WORKER', env.CERT_WORKER, true),
      // The embedded database copes badly with concurrent queries: poll it rarely (work is also kicked on demand).
      pollMs: int('CERT_WORKER_POLL_MS', env.CERT_WORKER_POLL_MS, databaseUrl ? 2000 : 15000, 50, 600000),
      leaseSeconds: int('CERT_BATCH_LEASE_SECONDS', env.CERT_BATCH_LEASE_SECONDS, 60, 1, 3600),
    },
    jobs: {
      worker: bool('JOBS_WORKER', env.JOBS_WORKER, bool('CERT_WORKER', env.CERT_WORKER, true)),
      poolSize: int('JOBS_POOL_SIZE', env.JOBS_POOL_SIZE, databaseUrl ? 4 : 2, 1, 50),
      pollSeconds: num('JOBS_POLL_SECONDS', env.JOBS_POLL_SECONDS, databaseUrl ? 2 : 5, 0.5, 600),
      heartbeatSeconds: int('JOBS_HEARTBEAT_SECONDS', env.JOBS_HEARTBEAT_SECONDS, 10, 10, 3600),
      superviseSeconds: int('JOBS_SUPERVISE_SECONDS', env.JOBS_SUPERVISE_SECONDS, 10, 1, 3600),
      cronSeconds: int('JOBS_CRON_SECONDS', env.JOBS_CRON_SECONDS, 30, 1, 3600),
      stopTimeoutSeconds: int('JOBS_STOP_TIMEOUT_SECONDS', env.JOBS_STOP_TIMEOUT_SECONDS, 10, 1, 600),
    },
    messages: messageConfig(env, nodeEnv),
    clock: { at: clockAt, adjustable: clockAdjustable },
  };
}

function messageConfig(env: NodeJS.ProcessEnv, nodeEnv: AppConfig['env']): AppConfig['messages'] {
  let smtp: AppConfig['messages']['smtp'] = null;
  if (env.SMTP_HOST?.trim()) {
    const from = env.SMTP_FROM?.trim();
    if (!from) throw new ConfigError('配置了 SMTP_HOST 但缺少 SMTP_FROM（发件人，如 "职称申报评审系统 <noreply@example.gov.cn>"）');
    const user = env.SMTP_USER?.trim() || null;
    if (user && !env.SMTP_PASSWORD) throw new ConfigError('配置了 SMTP_USER 但缺少 SMTP_PASSWORD');
    const secure = bool('SMTP_SECURE', env.SMTP_SECURE, false);
    smtp = {
      host: env.SMTP_HOST.trim(),
      port: int('SMTP_PORT', env.SMTP_PORT, secure ? 465 : 587, 1, 65535),
      secure,
      requireTls: bool('SMTP_REQUIRE_TLS', env.SMTP_REQUIRE_TLS, nodeEnv === 'production' && !secure),
      user,
      password: user ? env.SMTP_PASSWORD! : null,
      from,
      rejectUnauthorized: bool('SMTP_TLS_REJECT_UNAUTHORIZED', env.SMTP_TLS_REJECT_UNAUTHORIZED, true),
    };
  }
  let sms: AppConfig['messages']['sms'] = null;
  const provider = env.SMS_PROVIDER?.trim();
  if (provider) {
    if (provider !== 'aliyun') throw new ConfigError(`配置项 SMS_PROVIDER 的值 "${provider}" 无效：目前支持 aliyun（阿里云短信服务）`);
    const missing = ['SMS_ALIYUN_ACCESS_KEY_ID', 'SMS_ALIYUN_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODE'].filter((k) => !env[k]?.trim());
    if (missing.length) throw new ConfigError(`配置了 SMS_PROVIDER=aliyun 但缺少 ${missing.join('、')}`);
    const endpoint = env.SMS_ALIYUN_ENDPOINT?.trim() || 'https://dysmsapi.aliyuncs.com/';
    if (!/^https?:\/\//.test(endpoint)) throw new ConfigError('配置项 SMS_ALIYUN_ENDPOINT 无效：应以 http:// 或 https:// 开头');
    const templates: Record<string, string> = {};
    for (const part of (env.SMS_TEMPLATES ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
      const [event, code] = part.split('=').map((x) => x?.trim());
      if (!event || !code) throw new ConfigError(`配置项 SMS_TEMPLATES 无效："${part}" 应为 事件=模板编号，如 account.reset_password=SMS_123456`);
      templates[event] = code;
    }
    sms = {
      provider: 'aliyun',
      endpoint,
      accessKeyId: env.SMS_ALIYUN_ACCESS_KEY_ID!.trim(),
      accessKeySecret: env.SMS_ALIYUN_ACCESS_KEY_SECRET!.trim(),
      signName: env.SMS_SIGN_NAME!.trim(),
      templateCode: env.SMS_TEMPLATE_CODE!.trim(),
      templates,
    };
  }
  return {
    concurrency: int('MESSAGE_CONCURRENCY', env.MESSAGE_CONCURRENCY, 4, 1, 50),
    maxAttempts: int('MESSAGE_MAX_ATTEMPTS', env.MESSAGE_MAX_ATTEMPTS, 5, 1, 50),
    retryDelaySeconds: int('MESSAGE_RETRY_DELAY_SECONDS', env.MESSAGE_RETRY_DELAY_SECONDS, 30, 1, 86400),
    smtp,
    sms,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
