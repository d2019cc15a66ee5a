/**
 * What a scenario checks after the fact: the rows in the app's database and the files in its
 * photo directory, and how they relate (every photo row's files exist; every file belongs to a
 * row; no upload record or half-written file is left over).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface StoreState {
	submissions: number;
	photos: number;
	uploads: number;
	/** Files under the photo directory (finished ones, by key). */
	files: string[];
	/** Half-written files (`*.tmp`). */
	temporary: string[];
	/** Keys a photo row names that are not on disk. */
	missing: string[];
	/** Files on disk that no photo row names. */
	orphans: string[];
}

export function keyHash(idempotencyKey: string): Buffer {
	return createHash('sha256').update(idempotencyKey).digest();
}

function walk(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name);
}

export class Store {
	readonly pool: pg.Pool;

	constructor(
		databaseUrl: string,
		private readonly photoDir: string
	) {
		this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
		this.pool.on('error', () => undefined);
	}

	/** Rows stored for each idempotency key (by its hash, as the app stores it). */
	async rowsPerKey(keys: string[]): Promise<Map<string, number>> {
		const { rows } = await this.pool.query<{ hash: Buffer; n: string }>(
			'SELECT idempotency_key_hash AS hash, count(*) AS n FROM submissions WHERE idempotency_key_hash = ANY($1) GROUP BY 1',
			[keys.map(keyHash)]
		);
		const byHash = new Map(rows.map((row) => [row.hash.toString('hex'), Number(row.n)]));
		return new Map(keys.map((key) => [key, byHash.get(keyHash(key).toString('hex')) ?? 0]));
	}

	/** Submissions whose photo count is not `expected` (a half-stored report). */
	async partialReports(expected: number): Promise<number> {
		const { rows } = await this.pool.query<{ n: string }>(
			`SELECT count(*) AS n FROM submissions s
			 WHERE (SELECT count(*) FROM photos p WHERE p.submission_id = s.id) <> $1`,
			[expected]
		);
		return Number(rows[0].n);
	}

	async state(): Promise<StoreState> {
		const count = async (table: string) =>
			Number((await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
		const { rows } = await this.pool.query<{ key: string }>(
			'SELECT display_key AS key FROM photos UNION SELECT thumb_key FROM photos'
		);
		const referenced = new Set(rows.map((row) => row.key));
		const all = walk(this.photoDir);
		const files = all.filter((name) => !name.endsWith('.tmp'));
		const onDisk = new Set(files);
		return {
			submissions: await count('submissions'),
			photos: await count('photos'),
			uploads: await count('photo_uploads'),
			files,
			temporary: all.filter((name) => name.endsWith('.tmp')),
			missing: [...referenced].filter((key) => !onDisk.has(key)),
			orphans: files.filter((key) => !referenced.has(key))
		};
	}

	close(): Promise<void> {
		return this.pool.end();
	}
}

export const photoDir = (dataDir: string) => path.join(dataDir, 'photos');
