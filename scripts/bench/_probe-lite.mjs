import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { recordingDrizzle, searchStatements } from './search-bench.mjs';
const db = await PGlite.create({ dataDir: process.env.DIR, extensions: { citext, pg_trgm } });
const { rows: [me] } = await db.query("select id from users limit 1");
const actor = { userId: me.id, email: 'x', name: 'x', role: 'admin', userRole: 'admin', locale: 'zh-CN', customerId: null, via: 'session' };
const rec = await recordingDrizzle(db, 'pglite');
for (const q of process.argv.slice(2)) {
  const st = await searchStatements(rec, actor, q);
  const out = [];
  for (const s of st) {
    const ts = [];
    let n;
    for (let i = 0; i < 5; i++) { const t0 = performance.now(); n = (await db.query(s.text, s.params)).rows.length; ts.push(performance.now() - t0); }
    ts.sort((a, b) => a - b);
    out.push(`${s.text.replace(/select "id".*?"search_vector" from/s, 'select * from').slice(0, 60).replace(/\s+/g, ' ')}… rows=${n} ${ts[2].toFixed(1)}ms`);
    if (process.env.EXPLAIN) console.log((await db.query(`explain analyze ${s.text}`, s.params)).rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  console.log(q, '\n  ' + out.join('\n  '));
}
await db.close();
