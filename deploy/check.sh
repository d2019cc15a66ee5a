#!/usr/bin/env bash
# Checks the operations files as far as a machine without Docker allows (run by .ci/run):
# nginx parses deploy/nginx.conf, systemd accepts the unit, compose.yaml is YAML with the services
# the README names, and the Dockerfile has its runtime, user, volume and health check.
# Not run here: building the image, `docker compose up`, a real TLS certificate.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# nginx: the example site inside a minimal main configuration, with a throwaway certificate.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 -subj /CN=nadzor.test 2>/dev/null
sed -e "s#/etc/letsencrypt/live/nadzor.example.org/fullchain.pem#$work/cert.pem#" \
	-e "s#/etc/letsencrypt/live/nadzor.example.org/privkey.pem#$work/key.pem#" deploy/nginx.conf >"$work/site.conf"
printf 'pid %s/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n\taccess_log off;\n\tinclude %s/site.conf;\n}\n' "$work" "$work" >"$work/nginx.conf"
nginx -q -t -p "$work" -c "$work/nginx.conf"
echo "ok: nginx -t deploy/nginx.conf"

# systemd: the unit's syntax and directives (where systemd is installed).
if command -v systemd-analyze >/dev/null; then
	out="$(systemd-analyze verify deploy/nadzor.service 2>&1 || true)"
	if printf '%s' "$out" | grep -v 'Failed to .*bus\|Cannot connect\|System has not been booted' | grep -q .; then
		printf '%s\n' "$out" >&2
		exit 1
	fi
	echo "ok: systemd-analyze verify deploy/nadzor.service"
else
	echo "skipped: systemd-analyze is not installed"
fi

# compose.yaml: YAML, with the services and volumes the README describes.
python3 - <<'PY'
import yaml
with open('compose.yaml') as f:
    compose = yaml.safe_load(f)
services = compose['services']
for name in ('db', 's3', 'bucket', 'app', 'backup'):
    assert name in services, f'compose.yaml: no service {name}'
for name in ('app', 'backup'):
    env = services[name]['environment']
    for key in ('DATABASE_URL', 'ORIGIN', 'PHOTO_STORAGE', 'S3_ENDPOINT', 'S3_BUCKET'):
        assert key in env, f'compose.yaml: {name} lacks {key}'
assert services['db']['image'].startswith('postgis/postgis:'), 'compose.yaml: db is not PostGIS'
assert set(compose['volumes']) >= {'app-data', 'db-data', 's3-data', 'backups'}
print('ok: compose.yaml parses, services', ', '.join(services))
PY

# Dockerfile: Node 24 slim, an unprivileged user, the data volume, the health check.
for line in '^FROM node:24-slim$' '^USER node$' '^VOLUME \["/data"\]$' '^HEALTHCHECK .*' 'healthz'; do
	grep -Eq "$line" Dockerfile || { echo "Dockerfile: nothing matches $line" >&2; exit 1; }
done
echo "ok: Dockerfile (not built: no container engine here)"
