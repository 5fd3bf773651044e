# syntax=docker/dockerfile:1
# concept-tutor: build once, run as an unprivileged user with state in /data.

# node:20 is the newest Node 20 release, which meets package.json's engines (>=20.12; fs.readdir's
# recursive Dirent.parentPath needs 20.12). Keep the two stages on the same tag.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# postinstall generates the Prisma client (offline, no engine download) and compiles TypeScript.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY prisma ./prisma
COPY src ./src
COPY scripts/build-pglite-template.mjs scripts/template-key.mjs ./scripts/
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    CONTENT_DIR=/app/content
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
COPY --chown=node:node prisma ./prisma
# The library ships in the image; mount a volume over /app/content to keep admin edits.
COPY --chown=node:node content ./content
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Apply pending migrations (safe with several replicas: the engine takes an advisory lock), then start.
CMD ["sh", "-c", "node dist/src/cli.js db deploy && exec node --enable-source-maps dist/src/main.js"]
