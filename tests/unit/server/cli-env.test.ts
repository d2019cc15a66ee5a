/**
 * `.env` configures every command-line tool (scripts/env.js): a script that reads the app's
 * configuration imports it first, before anything reads `process.env`. (What `.env` does to
 * `npm start` and a tool is run in tests/integration/cli/env-file.test.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const scripts = fs
	.readdirSync('scripts')
	.filter((name) => name.endsWith('.ts'))
	.map((name) => ({ name, source: fs.readFileSync(path.join('scripts', name), 'utf8') }))
	.filter(({ source }) => /from '\.\.\/src\/lib\/server\/config'|process\.env\./.test(source));

describe('command-line tools read .env', () => {
	it('finds the tools that read the configuration', () => {
		expect(scripts.map(({ name }) => name)).toEqual(
			expect.arrayContaining(['user.ts', 'db.ts', 'areas.ts', 'official.ts', 'osm.ts', 'release.ts', 'backup.ts'])
		);
	});

	for (const { name, source } of scripts) {
		it(`${name} imports ./env.js before anything else`, () => {
			const imports = [...source.matchAll(/^import\s.*$/gm)].map((match) => match[0]);
			expect(imports[0]).toBe("import './env.js';");
		});
	}
});
