import {
  createDataSource,
  describeServingRole,
  grantServingRole,
  startEmbeddedPostgres,
  type EmbeddedOptions,
} from '@app/database';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config.js';

export interface OpenDatabase {
  /** Serves requests: a role that owns no table, where one is configured. */
  dataSource: DataSource;
  /** The owner of the tables: migrations, seeding and the command line. */
  owner: DataSource;
  embedded: boolean;
  /** Closes the owner's connections once start-up no longer needs them. */
  releaseOwner(): Promise<void>;
  /** Closes whatever is still open, then the embedded server. */
  close(): Promise<void>;
}

export interface DatabaseServer {
  /** The role requests are served with. */
  servingUrl: string;
  /** The owner of the tables, for migrations, seeding, backups and restores. */
  ownerUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Tells why serving as this role leaves the audit trail guarded by its trigger alone. */
export class UnsafeServingRoleError extends Error {}

async function destroy(dataSource: DataSource): Promise<void> {
  if (dataSource.isInitialized) await dataSource.destroy();
}

/** DATABASE_URL (and DATABASE_OWNER_URL), or the embedded server kept in DATA_DIR, started; nothing is migrated. */
export async function openServer(
  config: AppConfig,
  log: (line: string) => void,
  options: EmbeddedOptions = {},
): Promise<DatabaseServer> {
  if (config.DATABASE_URL) {
    return {
      servingUrl: config.DATABASE_URL,
      ownerUrl: config.DATABASE_OWNER_URL ?? config.DATABASE_URL,
      embedded: false,
      stop: () => Promise.resolve(),
    };
  }
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${config.DATA_DIR}`);
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, log, options);
  return { ...embedded, embedded: true };
}

/**
 * Connects to the database, applies pending migrations as the owner and grants the serving role
 * what requests need. Requests are served by a role that neither owns the tables nor is a
 * superuser whenever the owner is known apart from it: always on the embedded server, and on a
 * server where DATABASE_OWNER_URL is set.
 */
export async function openDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<OpenDatabase> {
  const server = await openServer(config, log);
  const owner = createDataSource({ url: server.ownerUrl, poolSize: 2 });
  const dataSource =
    server.ownerUrl === server.servingUrl ? owner : createDataSource({ url: server.servingUrl });
  const close = async () => {
    await destroy(owner);
    await destroy(dataSource);
    await server.stop();
  };
  try {
    await owner.initialize();
    const applied = await owner.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`Applied migration ${migration.name}`);
    if (dataSource !== owner) {
      await dataSource.initialize();
      const role = await describeServingRole(dataSource);
      if (role.superuser || role.ownsTables > 0) {
        throw new UnsafeServingRoleError(
          `DATABASE_URL signs in as "${role.name}", which ${role.superuser ? 'is a superuser' : 'owns tables'}: requests must be served by a role of their own (see "Security" in the README)`,
        );
      }
      await grantServingRole(owner, role.name);
    } else if (!server.embedded) {
      log(
        'DATABASE_OWNER_URL is not set: requests are served by the owner of the tables, and only a trigger guards the audit trail (see "Security" in the README)',
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    dataSource,
    owner,
    embedded: server.embedded,
    releaseOwner: async () => {
      if (owner !== dataSource) await destroy(owner);
    },
    close,
  };
}
