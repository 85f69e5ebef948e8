#!/usr/bin/env node
// npm run build: compiles src/ (tests left out) to dist/ with tsc (tsconfig.build.json), which
// `campo`, `npm start` and the tests that start a server run. dist/ is emptied first, so a
// removed source file leaves no compiled copy behind.
// --if-stale: builds only when the sources differ from those of the last build (a hash of every
// file under src/ but the tests, and of the tsconfigs, kept in dist/.build-hash once a build succeeded).
// --check: builds nothing; exits 1 when dist/ is missing or stale.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const hashFile = join(dist, '.build-hash');

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

/** What the build reads: paths and contents, so an added, changed or removed file all count. */
export function sourceHash() {
  const h = createHash('sha256');
  const sources = files(join(root, 'src')).filter((p) => !p.endsWith('.test.ts'));
  for (const p of [...sources, join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json')]) {
    h.update(relative(root, p));
    h.update('\0');
    h.update(readFileSync(p));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Whether dist/ was built from the sources as they are now. */
export function isFresh() {
  return existsSync(hashFile) && readFileSync(hashFile, 'utf8') === sourceHash();
}

/** Builds dist/ (or, with ifStale, only when it does not match the sources); returns the exit code. */
export function build({ ifStale = false } = {}) {
  const hash = sourceHash();
  if (ifStale && existsSync(hashFile) && readFileSync(hashFile, 'utf8') === hash) return 0;
  process.stderr.write('Compiling src/ to dist/ ...\n');
  rmSync(dist, { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) return r.status ?? 1;
  writeFileSync(hashFile, hash);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    if (isFresh()) process.exit(0);
    process.stderr.write('dist/ is missing or was built from other sources than src/ now: run `npm run build`\n');
    process.exit(1);
  }
  process.exit(build({ ifStale: process.argv.includes('--if-stale') }));
}
