import pg from 'pg';
import { recordingDrizzle, searchStatements } from './search-bench.mjs';
const pool = new pg.Pool({ connectionString: process.env.DB, max: 4 });
const { rows: [me] } = await pool.query("select id from users limit 1");
const actor = { userId: me.id, email: 'x', name: 'x', role: 'admin', userRole: 'admin', locale: 'zh-CN', customerId: null, via: 'session' };
const rec = await recordingDrizzle(pool, 'postgres');
for (const q of process.argv.slice(2)) {
  const st = await searchStatements(rec, actor, q);
  const out = [];
  for (const s of st) {
    const ts = [];
    let n;
    for (let i = 0; i < 5; i++) { const t0 = performance.now(); n = (await pool.query(s.text, s.params)).rowCount; ts.push(performance.now() - t0); }
    ts.sort((a, b) => a - b);
    out.push(`${s.text.replace(/select "id".*?"search_vector" from/s, 'select * from').slice(0, 60).replace(/\s+/g, ' ')}… rows=${n} ${ts[2].toFixed(1)}ms`);
  }
  console.log(q, '\n  ' + out.join('\n  '));
}
await pool.end();
