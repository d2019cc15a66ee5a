/**
 * SQL lives in three places only: a feature's repository (`src/lib/server/<feature>/repository.ts`,
 * or a `repository/` folder when one file grows too long), the tile layer definitions
 * (`src/lib/server/tiles/layers.ts`: each layer is one query, and the layer is the query), and
 * the database infrastructure in `src/lib/server/db/` (the migrations runner, the embedded and
 * PostGIS backends, the PostGIS helpers such as `point()` and `lngLat()` that repositories build
 * on: they are how SQL is run and composed, not what a feature asks). `migrations/` is SQL by
 * nature and not under `src/`.
 *
 * Everything else (routes, services such as `moderation/decide.ts`, jobs) calls repository
 * functions. Opening a transaction (`db.transaction().execute(...)`) is allowed anywhere: it is
 * the caller's unit of work across several repositories, not a query.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

/** Files that may build SQL, as paths relative to the repository root with `/` separators. */
export function sqlAllowedIn(file: string): boolean {
	return (
		/^src\/lib\/server\/(.+\/)?repository\.ts$/.test(file) ||
		/^src\/lib\/server\/(.+\/)?repository\/.+\.ts$/.test(file) ||
		file === 'src/lib/server/tiles/layers.ts' ||
		file.startsWith('src/lib/server/db/')
	);
}

const patterns: [name: string, pattern: RegExp][] = [
	// Kysely's query builders.
	[
		'query builder',
		/\.\s*(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|with|withRecursive|withMaterialized|withNotMaterialized)\s*\(/
	],
	// The `sql` template tag, with or without a type argument (which may nest one level of <>).
	['sql template', /(?<![\w$.])sql\s*(<(?:[^<>]|<[^<>]*>)*>)?\s*`/],
	['sql helper', /(?<![\w$.])sql\s*\.\s*(raw|ref|lit|join|id|table|val|value)\s*\(/],
	['compiled query', /\bCompiledQuery\s*\.\s*raw\s*\(|\.\s*executeQuery\s*\(/],
	// A driver called directly with SQL text (pg's `query`, PGlite's `query` / `exec`).
	[
		'raw driver query',
		/\.\s*(query|exec)\s*\(\s*['"`]\s*(select|insert|update|delete|with|create|alter|drop|begin|commit|rollback|set|listen|notify|copy|truncate)\b/i
	]
];

/**
 * The source with comments blanked out (newlines kept, so line numbers stay), strings and
 * template literals kept: SQL is code, a comment that names `selectFrom` is not.
 */
export function withoutComments(source: string): string {
	let out = '';
	let i = 0;
	// The stack of open template literals: each entry counts the `{` opened inside its `${ }`.
	const templates: number[] = [];
	let inTemplateText = false;
	let lastSignificant = '';
	while (i < source.length) {
		const c = source[i];
		const next = source[i + 1];
		if (inTemplateText) {
			if (c === '\\') {
				out += source.slice(i, i + 2);
				i += 2;
			} else if (c === '`') {
				out += c;
				i++;
				inTemplateText = false;
				templates.pop();
				lastSignificant = '`';
			} else if (c === '$' && next === '{') {
				out += '${';
				i += 2;
				inTemplateText = false;
				lastSignificant = '{';
			} else {
				out += c;
				i++;
			}
			continue;
		}
		if (c === '/' && next === '/') {
			while (i < source.length && source[i] !== '\n') i++;
			continue;
		}
		if (c === '/' && next === '*') {
			const end = source.indexOf('*/', i + 2);
			const stop = end < 0 ? source.length : end + 2;
			out += source.slice(i, stop).replace(/[^\n]/g, ' ');
			i = stop;
			continue;
		}
		if (c === '"' || c === "'") {
			let j = i + 1;
			while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
			out += source.slice(i, j + 1);
			i = j + 1;
			lastSignificant = c;
			continue;
		}
		if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant))) {
			// A regular expression literal: skip to its closing slash (not one inside a class).
			let j = i + 1;
			let inClass = false;
			while (j < source.length && source[j] !== '\n' && (inClass || source[j] !== '/')) {
				if (source[j] === '\\') j++;
				else if (source[j] === '[') inClass = true;
				else if (source[j] === ']') inClass = false;
				j++;
			}
			out += source.slice(i, j + 1);
			i = j + 1;
			lastSignificant = '/';
			continue;
		}
		if (c === '`') {
			templates.push(0);
			inTemplateText = true;
			out += c;
			i++;
			continue;
		}
		if (templates.length > 0 && c === '{') templates[templates.length - 1]++;
		if (templates.length > 0 && c === '}') {
			if (templates[templates.length - 1] === 0) {
				inTemplateText = true;
				out += c;
				i++;
				continue;
			}
			templates[templates.length - 1]--;
		}
		if (!/\s/.test(c)) lastSignificant = c;
		out += c;
		i++;
	}
	return out;
}

export interface SqlFinding {
	line: number;
	kind: string;
	text: string;
}

/** Where a source file builds SQL: one finding per line and kind. */
export function findSql(source: string): SqlFinding[] {
	const code = withoutComments(source);
	const original = source.split('\n');
	const findings: SqlFinding[] = [];
	for (const [kind, pattern] of patterns) {
		const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
		const lines = new Set<number>();
		for (const match of code.matchAll(global)) {
			const line = code.slice(0, match.index).split('\n').length;
			if (lines.has(line)) continue;
			lines.add(line);
			findings.push({ line, kind, text: original[line - 1].trim() });
		}
	}
	return findings.sort((a, b) => a.line - b.line);
}

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.(ts|js|svelte)$/.test(entry.name) ? [full] : [];
	});
}

describe('the SQL finder', () => {
	const flagged: [name: string, source: string][] = [
		['a select', `const rows = await db.selectFrom('cameras').selectAll().execute();`],
		['a select over lines', `await db\n\t.selectFrom('cameras')\n\t.select('id')`],
		['an insert', `await trx.insertInto('audit_log').values(row).execute();`],
		['an update', `await db.updateTable('users').set({ role }).where('id', '=', id).execute();`],
		['a delete', `await db.deleteFrom('sessions').where('expires_at', '<', now).execute();`],
		['a common table expression', `await db.with('recent', (qb) => qb.selectFrom('cameras')).selectFrom('recent')`],
		['a sql tag', 'await sql`SELECT 1`.execute(db);'],
		['a typed sql tag', 'const lng = sql<number>`ST_X(geom)`;'],
		['a sql tag with a nested type', 'const { rows } = await sql<{ ids: Array<number> }>`SELECT ids`.execute(db);'],
		['a sql tag after a template expression', 'const a = `${x}`; const b = sql`SELECT ${a}`;'],
		['sql.raw', 'const order = sql.raw(direction);'],
		['sql.ref', 'const column = sql.ref(name);'],
		['a compiled query', `await db.executeQuery(CompiledQuery.raw('SELECT 1'));`],
		['a driver query', `await pool.query('SELECT pg_backend_pid()');`],
		['PGlite exec', 'await pg.exec(`CREATE EXTENSION postgis`);']
	];
	for (const [name, source] of flagged) {
		it(`flags ${name}`, () => {
			expect(findSql(source)).not.toEqual([]);
		});
	}

	const clean: [name: string, source: string][] = [
		['a transaction boundary', 'await db.transaction().execute(async (trx) => repository.save(trx, row));'],
		['a repository call', 'const camera = await cameras.read(db, id);'],
		['a line comment', '// db.selectFrom("cameras") lives in the repository'],
		['a block comment', "/**\n * Built with sql`…` and db.deleteFrom('sessions').\n */\nexport const a = 1;"],
		['a comment inside a template expression', 'const a = `${b /* sql`x` */}`;'],
		['other tags and names', 'const html = mysql`x`; const b = nosql.raw(1); const c = toSql(d);'],
		['a regular expression with a quote', 'const quoted = /[\'"]/.test(s); // sql`x`'],
		['a regular expression exec', 'const match = /^node\\/(\\d+)$/.exec(ref);'],
		['an ordinary query call', 'const found = url.searchParams.get("q"); await search.query(found);'],
		['words in a string', 'const help = "select from the list, then delete";']
	];
	for (const [name, source] of clean) {
		it(`does not flag ${name}`, () => {
			expect(findSql(source)).toEqual([]);
		});
	}

	it('names the line', () => {
		expect(findSql("import x from 'y';\n\nawait db.deleteFrom('t').execute();")).toEqual([
			{ line: 3, kind: 'query builder', text: "await db.deleteFrom('t').execute();" }
		]);
	});

	it('allows repositories, the tile layers and the database layer only', () => {
		expect(sqlAllowedIn('src/lib/server/cameras/repository.ts')).toBe(true);
		expect(sqlAllowedIn('src/lib/server/stats/repository/coverage.ts')).toBe(true);
		expect(sqlAllowedIn('src/lib/server/tiles/layers.ts')).toBe(true);
		expect(sqlAllowedIn('src/lib/server/db/migrate.ts')).toBe(true);
		expect(sqlAllowedIn('src/lib/server/moderation/decide.ts')).toBe(false);
		expect(sqlAllowedIn('src/lib/server/tiles/render.ts')).toBe(false);
		expect(sqlAllowedIn('src/lib/repository.ts')).toBe(false);
		expect(sqlAllowedIn('src/routes/healthz/+server.ts')).toBe(false);
	});
});

describe('SQL placement in src/', () => {
	it('builds SQL only in repositories, the tile layers and the database layer', () => {
		const violations: string[] = [];
		for (const full of sourceFiles(path.join(root, 'src'))) {
			const file = path.relative(root, full).split(path.sep).join('/');
			if (sqlAllowedIn(file)) continue;
			for (const finding of findSql(fs.readFileSync(full, 'utf8'))) {
				violations.push(`${file}:${finding.line} (${finding.kind}): ${finding.text}`);
			}
		}
		expect(violations, 'move these queries into the repository of their feature').toEqual([]);
	});
});
