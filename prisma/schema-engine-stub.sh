#!/bin/sh
# Stands in for Prisma's native schema-engine binary, which cannot be
# downloaded offline. `prisma generate` only checks that this file exists;
# migrations run through the WASM engine instead (src/adapters/db/migrate.ts).
echo "use npm run db:deploy" >&2
exit 1
