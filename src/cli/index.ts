// The `campo` command. Each command imports what it runs when it runs (the app, the stores, their
// drivers), so `campo --help` and the argument errors answer at once.
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerAccountCommands } from './accounts.js';
import { registerAdminCommands } from './admin.js';
import { registerMigrateCommand } from './migrate.js';
import { registerOpenApiCommand } from './openapi.js';
import { registerSeedCommand } from './seed.js';

const program = new Command();
program.name('campo').description('Campo: a self-hostable server that speaks the Auvo API v2').version(VERSION);

program
  .command('serve')
  .description('Run the HTTP server (configuration from the environment; see README)')
  .option('--demo', 'fill the default account with the demo data set at start (once; same as AUVO_DEMO=1)')
  .action(async (opts: { demo?: boolean }) => {
    const [{ serve }, { loadConfig }] = await Promise.all([import('../main.js'), import('../config.js')]);
    const config = loadConfig();
    await serve(opts.demo ? { ...config, demo: true } : config);
  });

registerMigrateCommand(program);
registerAccountCommands(program);
registerOpenApiCommand(program);
registerSeedCommand(program);
registerAdminCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // A bad configuration or setup can only come from config.js or db/setup.js, which are then already loaded.
  const [{ ConfigError }, { SetupError }] = await Promise.all([import('../config.js'), import('../db/setup.js')]);
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof SetupError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
