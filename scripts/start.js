// `npm start`: build the app when the build is missing or older than the sources, then serve
// it (scripts/server.js). The server migrates the database and seeds demo data on its first start.
import './env.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
	let latest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
	}
	return latest;
}

const built = fs.existsSync('build/index.js') ? fs.statSync('build/index.js').mtimeMs : 0;
const sources = Math.max(
	newest('src'),
	newest('static'),
	newest('seeds'),
	fs.statSync('package-lock.json').mtimeMs,
	fs.statSync('vite.config.ts').mtimeMs
);
if (built < sources) {
	console.log('Building Nadzor…');
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Reports posted without JavaScript carry phone photos as taken (see src/lib/server/submissions/http.ts).
process.env.BODY_SIZE_LIMIT ??= '64M';
await import(path.resolve('scripts/server.js'));
// The log lines are JSON for machines; this one is for whoever just typed `npm start`.
console.log(`\nNadzor is running: open ${process.env.ORIGIN} in a browser.\n`);
