import 'reflect-metadata';
import { loadConfig } from '../config/config.js';
import { CryptoService } from '../common/crypto/crypto.service.js';
import { createDataSource } from '../database/data-source.js';
import { Certificate } from '../modules/certificate/entities/certificate.entity.js';
import { CertificateSigner } from '../modules/certificate/certificate-signer.js';

/**
 * The restore drill's check (scripts/backup-drill.sh), against DATABASE_URL with the keys of the environment:
 * every migration applied, every encrypted column of every table decrypts with the data key (and, where it has a
 * blind index, matches it under the index key), and every certificate's signature verifies. Prints the counts;
 * exits 1 on any failure, or when there is nothing to check.
 */
async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const ds = createDataSource(config.databaseUrl, 2);
  await ds.initialize();
  let failures = 0;
  try {
    const pending = await ds.showMigrations();
    console.log(`migrations: ${pending ? 'PENDING' : 'all applied'}`);
    if (pending) failures++;

    const crypto = new CryptoService(config);
    const columns: { table_name: string; column_name: string }[] = await ds.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name LIKE '%\\_enc' AND data_type IN ('text', 'character varying')
        ORDER BY table_name, column_name`,
    );
    let decrypted = 0;
    for (const { table_name: t, column_name: c } of columns) {
      const hash = c.replace(/_enc$/, '_hash');
      const hasHash = (await ds.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`, [t, hash])).length > 0;
      const rows: { v: string; h: string | null }[] = await ds.query(`SELECT "${c}" AS v, ${hasHash ? `"${hash}"` : 'NULL'} AS h FROM "${t}" WHERE "${c}" IS NOT NULL`);
      let bad = 0;
      for (const r of rows) {
        try {
          const plain = crypto.decrypt(r.v);
          if (r.h && crypto.blindIndex(plain) !== r.h) bad++;
        } catch {
          bad++;
        }
      }
      decrypted += rows.length - bad;
      failures += bad;
      console.log(`personal data ${t}.${c}: ${rows.length - bad} of ${rows.length} decrypt${hasHash ? ' and match their index' : ''}`);
    }

    const signer = new CertificateSigner(config);
    const certs = await ds.getRepository(Certificate).find();
    const valid = certs.filter((c) => signer.verify(c)).length;
    failures += certs.length - valid;
    console.log(`certificates: ${valid} of ${certs.length} signatures verify`);
    if (decrypted === 0 || certs.length === 0) {
      console.log('nothing to check: the restored database has no personal data or no certificates');
      failures++;
    }
  } finally {
    await ds.destroy();
  }
  console.log(failures ? `restore check FAILED (${failures})` : 'restore check passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
