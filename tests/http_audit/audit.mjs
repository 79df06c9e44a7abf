// Runs graphql-http's server audits against a running Kinerja and prints one JSON line per
// audit: {"id", "name", "status": "ok"|"warn"|"error", "reason"}. Usage: node audit.mjs URL
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status,
                 reason: result.status === 'ok' ? null : result.reason });
}
console.log(JSON.stringify(results));
