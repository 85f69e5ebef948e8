// The baseline the GET-by-id scenario is compared with: a bare Fastify route running one
// prepared better-sqlite3 statement on the same users table, no auth, no framework rules.
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const file = process.env.BASELINE_DB as string;
const port = Number(process.env.PORT);
const db = new Database(file, { readonly: true });
db.pragma('journal_mode = WAL');
const byId = db.prepare('select * from users where account_id = ? and id = ? and deleted_at is null');
const accountId = Number(process.env.BASELINE_ACCOUNT);

const app = Fastify();
app.get('/users/:id', async (req, reply) => {
  const row = byId.get(accountId, Number((req.params as { id: string }).id));
  if (!row) return reply.code(404).send();
  return { result: row };
});
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
