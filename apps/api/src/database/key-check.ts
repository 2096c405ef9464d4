import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { CryptoService } from '../common/crypto/crypto.service.js';

/**
 * Refuses to start when the database already holds personal data that the configured keys cannot read: one
 * encrypted mobile number must decrypt with DATA_KEY, and its blind index must match under INDEX_KEY. (Before this,
 * an empty development data folder silently got new keys and every login and verification then answered 500.)
 */
export async function checkKeysMatchData(ds: DataSource, config: AppConfig): Promise<void> {
  const rows: { mobile_enc: string; mobile_hash: string | null }[] = await ds.query(
    `SELECT mobile_enc, mobile_hash FROM users WHERE mobile_enc IS NOT NULL ORDER BY created_at LIMIT 1`,
  );
  if (!rows[0]) return;
  const where = config.env === 'production' ? '' : `（开发环境的密钥在 ${config.dataDir}/dev-secrets.json）`;
  const crypto = new CryptoService(config);
  let plain: string;
  try {
    plain = crypto.decrypt(rows[0].mobile_enc);
  } catch {
    throw new ConfigError(
      `数据库中已有加密的个人信息，但无法用当前的 DATA_KEY 解密：密钥与数据不匹配${where}。` +
        '请配置加密这些数据时使用的 DATA_KEY（或从备份恢复密钥文件），不要用新密钥启动。',
    );
  }
  if (rows[0].mobile_hash && crypto.blindIndex(plain) !== rows[0].mobile_hash) {
    throw new ConfigError(
      `数据库中已有个人信息的检索索引，但与当前的 INDEX_KEY 不匹配${where}。请配置建立这些索引时使用的 INDEX_KEY。`,
    );
  }
}
