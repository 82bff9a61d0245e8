import 'reflect-metadata';
import { seedAll } from '../../../seed/index.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './database.js';

const USAGE = `Usage:
  npm run migrate            apply pending migrations
  npm run seed [-- --no-demo] seed the reference data and the demo (idempotent)`;

async function main(args: string[]): Promise<void> {
  const [command, ...options] = args;
  if (command !== 'migrate' && command !== 'seed') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const log = (line: string) => console.log(line);
  const database = await openDatabase(loadConfig(), log);
  try {
    if (command === 'seed') {
      await seedAll(database.dataSource, { demo: !options.includes('--no-demo'), log });
      log('Seed finished');
    } else {
      log('Migrations are up to date');
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
