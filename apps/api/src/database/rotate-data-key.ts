import type { DataSource } from 'typeorm';
import type { CryptoService } from '../common/crypto/crypto.service.js';

/** Every encrypted column (`…_enc`, text) of every table: found in the schema, so new ones are never forgotten. */
export async function encryptedColumns(ds: DataSource): Promise<{ table: string; column: string }[]> {
  const rows: { table_name: string; column_name: string }[] = await ds.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.columns pk ON pk.table_schema = c.table_schema AND pk.table_name = c.table_name AND pk.column_name = 'id'
      WHERE c.table_schema = 'public' AND c.column_name LIKE '%\\_enc' AND c.data_type IN ('text', 'character varying')
      ORDER BY c.table_name, c.column_name`,
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/**
 * `cli.js rotate-data-key`: re-encrypts every personal datum not yet under the current DATA_KEY (decrypting with
 * the keys of DATA_KEYS_OLD), in batches of `batch` rows, each batch one transaction. Safe to interrupt and run
 * again (rows already re-encrypted are skipped); the API may keep running meanwhile with both keys configured.
 */
export async function rotateDataKey(ds: DataSource, crypto: CryptoService, batch = 500): Promise<{ table: string; column: string; rows: number }[]> {
  const done: { table: string; column: string; rows: number }[] = [];
  const prefix = `v2.${crypto.currentKeyId}.%`;
  for (const { table, column } of await encryptedColumns(ds)) {
    let rows = 0;
    let after = '';
    for (;;) {
      const page: { id: string; v: string }[] = await ds.query(
        `SELECT id::text AS id, "${column}" AS v FROM "${table}"
          WHERE "${column}" IS NOT NULL AND "${column}" NOT LIKE $1 AND id::text > $2 ORDER BY id::text LIMIT $3`,
        [prefix, after, batch],
      );
      if (!page.length) break;
      await ds.transaction(async (m) => {
        for (const r of page) {
          await m.query(`UPDATE "${table}" SET "${column}" = $1 WHERE id::text = $2 AND "${column}" = $3`, [crypto.encrypt(crypto.decrypt(r.v)), r.id, r.v]);
        }
      });
      rows += page.length;
      after = page[page.length - 1]!.id;
    }
    done.push({ table, column, rows });
  }
  return done;
}
