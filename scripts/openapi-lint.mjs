#!/usr/bin/env node
// npm run lint:openapi: writes the OpenAPI document the server publishes (every route, the admin
// API included) and lints it with Redocly's recommended rules. Exits non-zero on any error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'campo-openapi-'));
const out = join(dir, 'openapi.json');
const env = { ...process.env, AUVO_ADMIN_KEY: process.env.AUVO_ADMIN_KEY ?? 'lint-only-admin-key-0123456789', LOG_LEVEL: 'silent' };
try {
  // The command runs the compiled code: rebuild dist/ first when the sources changed.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const gen = spawnSync('npm', ['run', '-s', 'campo', '--', 'openapi', '--out', out], { cwd: root, stdio: 'inherit', env });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
  const lint = spawnSync('npx', ['--no-install', 'redocly', 'lint', out, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exit(lint.status ?? 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
