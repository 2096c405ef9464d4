import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming.strategy.js';
import { RedactingTypeOrmLogger } from '../common/logging/redact.js';

/** Server-side limits of the API's connections (see AppConfig.db); migrations and tools run without them. */
export interface PoolLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  poolWaitMs: number;
}

export function dataSourceOptions(url: string, poolSize = 10, limits?: PoolLimits): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    poolSize,
    // node-postgres: the timeouts are sent as session settings at connect; connectionTimeoutMillis also bounds the
    // wait for a free connection of the pool.
    ...(limits
      ? {
          extra: {
            statement_timeout: limits.statementTimeoutMs,
            lock_timeout: limits.lockTimeoutMs,
            idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
            connectionTimeoutMillis: limits.poolWaitMs,
          },
        }
      : {}),
    // failed statements without their parameters (issue 13: no personal data in the log)
    logging: ['error'],
    logger: new RedactingTypeOrmLogger(),
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}
