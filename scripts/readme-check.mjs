#!/usr/bin/env node
// npm run readme:check: runs the README's shell snippets as a newcomer would paste them.
// The block after `<!-- readme-check: server -->` is the start command: it is run (from this
// checkout, on a scratch SQLite store) with its environment assignments and a free port. Each
// block after `<!-- readme-check -->` is then run with bash (errexit, pipefail; curl fails on an
// HTTP error status), first on the fresh store and again on the used one. A second round starts
// on a store that already holds another account, so the README's account is not the first one.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function blocksAfter(marker) {
  const out = [];
  const re = new RegExp(`<!-- ${marker} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``, 'g');
  for (const m of readme.matchAll(re)) out.push(m[1]);
  return out;
}

const [serverBlock] = blocksAfter('readme-check: server');
const snippets = blocksAfter('readme-check');
if (!serverBlock || snippets.length === 0) {
  console.error('README.md has no <!-- readme-check --> blocks');
  process.exit(1);
}

/** `A=1 B=2 npm start` -> { env: {A: '1', B: '2'}, command: 'npm start' } */
function parseStart(line) {
  const env = {};
  const words = line.trim().split(/\s+/);
  while (words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [k, ...v] = words.shift().split('=');
    env[k] = v.join('=');
  }
  return { env, command: words.join(' ') };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base, child, seconds) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /health within ${seconds} s`);
}

const PRELUDE = `set -euo pipefail
curl() { command curl --fail-with-body "$@"; }
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
`;

function runSnippet(text, port, label) {
  // The README names port 8080; the check's server listens on a free port instead.
  const script = PRELUDE + text.replaceAll('localhost:8080', `localhost:${port}`);
  const r = spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    console.error(
      `\n✗ ${label} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''})\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
    );
    return false;
  }
  console.log(`✓ ${label}`);
  return true;
}

async function round(name, prepare) {
  const dir = mkdtempSync(join(tmpdir(), 'campo-readme-'));
  const port = await freePort();
  const { env: startEnv, command } = parseStart(serverBlock.split('\n').find((l) => l.trim()));
  const env = {
    ...process.env,
    ...startEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, 'campo.db')}`,
    LOG_LEVEL: 'warn',
    AUVO_PASSWORD_HASHING: 'sandbox',
  };
  let child;
  try {
    if (prepare) prepare(env);
    child = spawn('bash', ['-c', `exec ${command}`], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    await waitHealthy(`http://127.0.0.1:${port}`, child, Number(process.env.README_CHECK_START_SECONDS ?? 120));
    let ok = true;
    for (const [i, text] of snippets.entries()) {
      ok = runSnippet(text, port, `${name}: block ${i + 1}, fresh store`) && ok;
      ok = runSnippet(text, port, `${name}: block ${i + 1}, again on the used store`) && ok;
    }
    return ok;
  } finally {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

let ok = await round('new store');
ok =
  (await round('store with another account first', (env) => {
    const r = spawnSync(process.execPath, ['bin/campo.js', 'accounts', 'create', '--name', 'Outra Empresa'], {
      cwd: root,
      env: { ...env, AUVO_DEMO: '', AUVO_API_KEY: '', AUVO_API_TOKEN: '' },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`campo accounts create failed: ${r.stderr}`);
  })) && ok;
process.exit(ok ? 0 : 1);
