import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/config.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedDatabase } from './embedded.js';
import { seedDemo } from './seeds/demo.seed.js';
import { ADMIN_CONSOLE_ROLES, ROLE_LABELS, Role } from '@zhicheng/contracts';
import { createAdmin } from './create-admin.js';
import { rotateDataKey } from './rotate-data-key.js';
import { CryptoService, dataKeyId } from '../common/crypto/crypto.service.js';
import { withMigrationLock } from './migration-lock.js';
import { loadSealBundle, rotateSealBundle } from '../modules/certificate/seal/signer.js';
import { verifyAuditChain } from '../modules/audit-log/audit-chain.service.js';

/**
 * Database commands:
 *   migrate            run pending migrations
 *   seed               migrate, then create the demo data (idempotent)
 *   check              fail when the entities differ from the migrated schema (CI)
 *   generate <Name>    write a migration for the difference into src/database/migrations
 *   create-admin <username> [--role office_admin|system_admin|security_admin|audit_admin] [--name 姓名]
 *                [--org 机构名称] [--region 320000] [--mobile 139…]
 *                      migrate, then create an administrator of the province's title office — by default the first
 *                      职称管理部门管理员; 三员分立 (A-31): the system, security and audit administrators are created only
 *                      this way (password from ADMIN_PASSWORD, else generated and printed once; the second factor is
 *                      enrolled at the first sign-in)
 *   rotate-data-key    re-encrypt all personal data under DATA_KEY (the previous key in DATA_KEYS_OLD)
 *   audit-verify       seal the audit log's pending rows, then check its SM3 chain; exit 1 naming the first broken entry
 *   seal-keys <file> [--rotate]
 *                      create the SM2 seal key bundle (CERT_SEAL_BUNDLE) if it does not exist, or rotate it (the old
 *                      public key stays, so certificates sealed before still verify); no database needed
 */
async function main() {
  const [cmd, name, ...rest] = process.argv.slice(2);
  if (cmd === 'seal-keys') {
    if (!name) throw new Error('用法：seal-keys <文件> [--rotate]');
    const b = rest.includes('--rotate') ? rotateSealBundle(path.resolve(name)) : loadSealBundle(path.resolve(name));
    console.log(`电子印章密钥：${b.current.keyId}（历史密钥 ${b.previous.length} 个）`);
    return;
  }
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: cmd === 'generate' || cmd === 'check' ? null : path.join(config.dataDir, 'pgdata') });
  const ds = createDataSource(config.databaseUrl ?? embedded!.url, 4);
  await ds.initialize();
  try {
    if (cmd === 'migrate' || cmd === 'seed' || cmd === 'check' || cmd === 'generate' || cmd === 'create-admin' || cmd === 'rotate-data-key') {
      // The same advisory lock as the API's start (several processes may be starting now).
      await withMigrationLock(ds, () => ds.runMigrations({ transaction: 'each' }), { embedded: !!embedded });
    }
    if (cmd === 'seed') {
      const accounts = await withMigrationLock(ds, () => seedDemo(ds, config), { embedded: !!embedded });
      console.log(`demo data ready (${accounts.length} accounts)`);
    } else if (cmd === 'rotate-data-key') {
      const crypto = new CryptoService(config);
      console.log(`当前数据密钥 ${crypto.currentKeyId}；旧密钥 ${config.dataKeysOldHex.map(dataKeyId).join('、') || '（无）'}`);
      for (const r of await rotateDataKey(ds, crypto)) console.log(`  ${r.table}.${r.column}: 重新加密 ${r.rows} 条`);
      console.log('完成：全部个人信息已使用当前 DATA_KEY 加密，可从 DATA_KEYS_OLD 中移除旧密钥（请先备份）。');
    } else if (cmd === 'audit-verify') {
      await withMigrationLock(ds, () => ds.runMigrations({ transaction: 'each' }), { embedded: !!embedded });
      const r = await verifyAuditChain(ds);
      if (r.ok) console.log(`审计日志完整：已校验 ${r.checked} 条，SM3 链无断点（待封存 ${r.unsealed} 条）`);
      else {
        console.error(`审计日志被篡改：第 ${r.firstBroken!.chainSeq} 条（id ${r.firstBroken!.id}）${r.firstBroken!.reason}；此前 ${r.checked} 条完好`);
        process.exitCode = 1;
      }
    } else if (cmd === 'create-admin') {
      const opt = (flag: string) => {
        const i = rest.indexOf(flag);
        return i >= 0 ? (rest[i + 1] ?? '') : null;
      };
      if (!name) throw new Error('用法: cli.js create-admin <用户名> [--role office_admin|system_admin|security_admin|audit_admin] [--name 姓名] [--org 机构名称] [--region 320000] [--mobile 手机号]');
      const role = (opt('--role') ?? Role.OfficeAdmin) as Role;
      if (!ADMIN_CONSOLE_ROLES.includes(role)) throw new Error(`--role 应为 ${ADMIN_CONSOLE_ROLES.join('、')} 之一`);
      const r = await createAdmin(ds, config, {
        username: name,
        role,
        realName: opt('--name') ?? ROLE_LABELS[role],
        organisation: opt('--org') ?? '省职称管理部门',
        regionCode: opt('--region') ?? '320000',
        mobile: opt('--mobile'),
        password: process.env.ADMIN_PASSWORD || null,
      });
      console.log(`已创建管理员 ${name}（${r.organisation}，${ROLE_LABELS[role]}）`);
      if (!process.env.ADMIN_PASSWORD) console.log(`初始密码（只显示这一次，请登录后修改）: ${r.password}`);
      console.log('首次登录时按提示绑定动态口令（TOTP）。');
    } else if (cmd === 'check' || cmd === 'generate') {
      const sql = await ds.driver.createSchemaBuilder().log();
      if (cmd === 'check') {
        if (sql.upQueries.length) {
          console.error('Entities and migrations differ; run db:generate. Pending statements:');
          for (const q of sql.upQueries) console.error('  ' + q.query);
          process.exitCode = 1;
        } else console.log('schema matches the migrations');
      } else {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: generate <PascalCaseName>');
        if (!sql.upQueries.length) {
          console.log('no changes');
        } else {
          const ts = Date.now();
          const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
          const up = sql.upQueries.map((q) => `    await q.query(\`${esc(q.query)}\`${q.parameters?.length ? ', ' + JSON.stringify(q.parameters) : ''});`).join('\n');
          const down = sql.downQueries.reverse().map((q) => `    await q.query(\`${esc(q.query)}\`${q.parameters?.length ? ', ' + JSON.stringify(q.parameters) : ''});`).join('\n');
          const file = `${ts}-${name}`;
          const src = `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`;
          const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/database/migrations');
          writeFileSync(path.join(dir, `${file}.ts`), src);
          // Register it last in migrations/index.ts.
          const indexFile = path.join(dir, 'index.ts');
          const lines = readFileSync(indexFile, 'utf8').split('\n');
          const lastImport = lines.map((l, i) => (l.startsWith('import ') ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
          lines.splice(lastImport + 1, 0, `import { ${name}${ts} } from './${file}.js';`);
          writeFileSync(indexFile, lines.join('\n').replace(/,?\s*\];\s*$/, `,\n  ${name}${ts},\n];\n`));
          console.log(`wrote src/database/migrations/${file}.ts and registered ${name}${ts} in migrations/index.ts`);
        }
      }
    } else if (cmd !== 'migrate') {
      throw new Error('usage: cli.js migrate|seed|check|generate <Name>|create-admin <username>|rotate-data-key');
    }
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
