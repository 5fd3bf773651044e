import { defineConfig } from 'prisma/config';

// Only a server URL is handed to the stock CLI: `pglite:` URLs mean nothing to
// it, and `prisma generate` must work with no DATABASE_URL at all. Migrations
// normally run through `npm run db:deploy` (the WASM engine), which reads
// DATABASE_URL itself.
const url = process.env.DATABASE_URL;
const serverUrl = url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(serverUrl ? { datasource: { url: serverUrl } } : {}),
});
