// The `campo` command.
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { VERSION } from '../version.js';
import { registerAccountCommands } from './accounts.js';
import { registerMigrateCommand } from './migrate.js';
import { registerOpenApiCommand } from './openapi.js';

const program = new Command();
program.name('campo').description('Campo: a self-hostable server that speaks the Auvo API v2').version(VERSION);

program
  .command('serve')
  .description('Run the HTTP server (configuration from the environment; see README)')
  .action(async () => {
    const { serve } = await import('../main.js');
    await serve(loadConfig());
  });

registerMigrateCommand(program);
registerAccountCommands(program);
registerOpenApiCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
