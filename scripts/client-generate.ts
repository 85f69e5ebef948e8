#!/usr/bin/env node
// npm run client:generate: writes packages/client/schema.ts, the TypeScript types of the OpenAPI
// document this server publishes (openapi-typescript). test/client.test.ts fails when it is stale.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSchemaSource } from '../packages/client/generate.js';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'campo-client-'));
try {
  const out = join(dir, 'openapi.json');
  // The command runs the compiled code: rebuild dist/ first when the sources changed.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const gen = spawnSync('npm', ['run', '-s', 'campo', '--', 'openapi', '--out', out], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, AUVO_ADMIN_KEY: '', AUVO_PUBLIC_URL: '', LOG_LEVEL: 'silent' },
  });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
  const source = await clientSchemaSource(JSON.parse(readFileSync(out, 'utf8')));
  writeFileSync(join(root, 'packages/client/schema.ts'), source);
  process.stdout.write('packages/client/schema.ts written\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
