import { test } from 'node:test';
import { DEMO_STEPS, DemoContext } from '../src/seed/demo.js';
import { buildTestApp } from './helpers/app.js';
test('prof', async () => {
  const t = await buildTestApp();
  t.clock.set('2026-03-10T12:00:00Z');
  const { token } = t.app.issueAccessToken(t.account);
  const ctx = new DemoContext({ app: t.app, token, now: t.clock.now(), timeZone: t.deps.timeZone, services: t.services, auth: { accountId: t.account.id, adminUserId: t.account.adminUserId } }, { seed: 7, size: 'small' });
  for (const s of DEMO_STEPS) { const a = Date.now(); await s(ctx); console.log(s.name, Date.now() - a); }
  await t.close();
});
