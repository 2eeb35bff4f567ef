// Times custval's rules in a stock DuckDB client (@duckdb/node-api) with the
// custval extension loaded: for each case, the rule as plain SQL and as the
// extension's function on the same table, alternately, after checking that
// they agree.
//
//   node bench.mjs NODE_DIR < request.json
//
// request.json: {"extension": PATH, "rows": N, "threads": N (0: all cores), "runs": N (default 1),
//                "cases": [{"name", "setup": [SQL...], "sql", "udf", "check"}]}
// Setup statements may use $rows. Prints {"results": [{"name", "sql_ms": [...], "ext_ms": [...],
// "mismatches"}]}, one time per run.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(path.resolve(process.argv[2]), 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const req = JSON.parse(input);
const runs = req.runs > 0 ? req.runs : 1;

const config = { allow_unsigned_extensions: 'true' };
if (req.threads > 0) config.threads = String(req.threads);

const timed = async (conn, sql) => {
  const start = process.hrtime.bigint();
  await conn.runAndReadAll(sql);
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const results = [];
for (const c of req.cases) {
  const instance = await DuckDBInstance.create(':memory:', config);
  const conn = await instance.connect();
  await conn.run(`load '${req.extension.replaceAll("'", "''")}'`);
  for (const stmt of c.setup) {
    await conn.run(stmt, stmt.includes('$rows') ? { rows: req.rows } : undefined);
  }
  // The check runs first: it verifies the extension against plain SQL and
  // warms the process up (fresh memory costs page faults), as in the Go host.
  const check = await conn.runAndReadAll(c.check);
  const sql_ms = [];
  const ext_ms = [];
  for (let i = 0; i < runs; i++) {
    sql_ms.push(await timed(conn, c.sql));
    ext_ms.push(await timed(conn, c.udf));
  }
  results.push({ name: c.name, sql_ms, ext_ms, mismatches: Number(check.getRows()[0][0]) });
  conn.closeSync();
  instance.closeSync();
}
process.stdout.write(JSON.stringify({ results }));
