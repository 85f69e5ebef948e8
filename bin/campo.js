#!/usr/bin/env -S node --max-semi-space-size=32
// Runs the compiled command (dist/, built by `npm run build`; `npm ci` builds it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('campo is not built: run `npm run build` (or `npm ci`) in the Campo folder first.\n');
  process.exit(1);
}
await import(entry.href);
