# Nadzor on Node 24 LTS. Build: `docker build -t nadzor .`; run it with compose.yaml, or alone:
#   docker run -p 3000:3000 -v nadzor-data:/data -e ORIGIN=http://localhost:3000 nadzor
# Without DATABASE_URL it uses the embedded database in the /data volume.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx vite build

FROM node:24-slim
# pg_dump / pg_restore for `npm run backup` and `npm run restore` on PostgreSQL (Debian 12: version 15).
RUN apt-get update \
	&& apt-get install -y --no-install-recommends postgresql-client \
	&& rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The whole checkout with its dependencies: the server runs from build/, the command-line tools
# (`docker compose exec app npm run user:create -- ...`) from scripts/ and src/ with tsx.
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /data /backups && chown node:node /data /backups
ENV NODE_ENV=production \
	PORT=3000 \
	HOST=0.0.0.0 \
	DATA_DIR=/data \
	BODY_SIZE_LIMIT=64M
VOLUME ["/data"]
EXPOSE 3000
# The image's unprivileged user: the app writes only to /data.
USER node
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
	CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/server.js"]
