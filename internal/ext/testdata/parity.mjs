// Runs a query set in a stock DuckDB client (the npm package @duckdb/node-api)
// with the custval extension loaded, and prints the results as JSON.
//
//   node parity.mjs NODE_DIR < request.json
//
// NODE_DIR is the npm prefix holding node_modules/@duckdb/node-api (build/node).
// request.json: {"extension": PATH, "database": PATH or ":memory:", "read_only": BOOL,
//                "queries": [{"name": ..., "sql": ...}]}
// Every value is cast to VARCHAR by DuckDB itself, so both hosts render
// numbers identically; NULL stays null.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(path.resolve(process.argv[2]), 'package.json'));
const { DuckDBInstance, version } = require('@duckdb/node-api');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const req = JSON.parse(input);

const out = { client: `@duckdb/node-api, DuckDB ${version()}`, load_error: null, results: [] };
const config = { allow_unsigned_extensions: 'true' };
if (req.read_only) config.access_mode = 'READ_ONLY';
const instance = await DuckDBInstance.create(req.database, config);
const conn = await instance.connect();
try {
  await conn.run(`load '${req.extension.replaceAll("'", "''")}'`);
} catch (e) {
  out.load_error = e.message;
}
if (!out.load_error) {
  for (const q of req.queries) {
    try {
      const reader = await conn.runAndReadAll(`select columns(*)::varchar from (${q.sql})`);
      out.results.push({ name: q.name, columns: reader.columnCount, rows: reader.getRows() });
    } catch (e) {
      out.results.push({ name: q.name, error: e.message });
    }
  }
}
process.stdout.write(JSON.stringify(out));
