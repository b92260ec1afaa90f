import { PGlite } from '@electric-sql/pglite';
let t0 = Date.now();
const a = await PGlite.create();
console.log('init1 ms', Date.now() - t0);
t0 = Date.now();
const b = await PGlite.create();
console.log('init2 ms', Date.now() - t0);
t0 = Date.now();
await a.exec('create table x(a int)');
const dump = await a.dumpDataDir('none');
console.log('dump ms', Date.now() - t0, dump.size);
t0 = Date.now();
const c = await PGlite.create({ loadDataDir: dump });
console.log('load ms', Date.now() - t0, (await c.query('select count(*) from x')).rows);
t0 = Date.now();
if (a.clone) {
  const d = await a.clone();
  console.log('clone ms', Date.now() - t0);
}
console.log('mem', process.memoryUsage().rss / 1e6);
