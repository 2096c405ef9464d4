import { createDataSource } from '../database/data-source.js';

/** Migrates a scratch database on a connection of its own, before any application (and its job workers) starts. */
export async function migrateFirst(url: string): Promise<void> {
  const ds = createDataSource(url, 1);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
