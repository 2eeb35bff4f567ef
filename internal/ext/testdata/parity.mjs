// Runs a query set in a stock DuckDB client (the npm package @duckdb/node-api),
// with or without the custval extension loaded, and prints the results as JSON.
//
//   node parity.mjs NODE_DIR < request.json
//
// NODE_DIR is the npm prefix holding node_modules/@duckdb/node-api (build/node).
// request.json: {"extension": PATH or "" (no LOAD), "database": PATH or ":memory:",
//                "read_only": BOOL, "setup": [SQL run before LOAD], "before_load": [queries run before LOAD],
//                "after_load": [SQL run after], "queries": [{"name": ..., "sql": ...}]}
// In one session: setup, the before_load queries, LOAD, after_load, the queries.
// Every value is cast to VARCHAR by DuckDB itself, so both hosts render
// numbers identically; NULL stays null.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(path.resolve(process.argv[2]), 'package.json'));
const { DuckDBInstance, version } = require('@duckdb/node-api');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const req = JSON.parse(input);

const out = {
  client: `@duckdb/node-api, DuckDB ${version()}`, load_error: null, setup_error: null, results_before_load: [], results: [],
};
const config = { allow_unsigned_extensions: 'true' };
if (req.read_only) config.access_mode = 'READ_ONLY';
const instance = await DuckDBInstance.create(req.database, config);
const conn = await instance.connect();

async function runAll(statements) {
  for (const s of statements ?? []) {
    try {
      await conn.run(s);
    } catch (e) {
      out.setup_error = `${s}: ${e.message}`;
      return false;
    }
  }
  return true;
}

async function queryAll(queries, results) {
  for (const q of queries ?? []) {
    try {
      const reader = await conn.runAndReadAll(`select columns(*)::varchar from (${q.sql})`);
      results.push({ name: q.name, columns: reader.columnCount, rows: reader.getRows() });
    } catch (e) {
      results.push({ name: q.name, error: e.message });
    }
  }
}

let ready = await runAll(req.setup);
if (ready) await queryAll(req.before_load, out.results_before_load);
if (ready && req.extension) {
  try {
    await conn.run(`load '${req.extension.replaceAll("'", "''")}'`);
  } catch (e) {
    out.load_error = e.message;
    ready = false;
  }
}
if (ready && (await runAll(req.after_load))) await queryAll(req.queries, out.results);
process.stdout.write(JSON.stringify(out));
