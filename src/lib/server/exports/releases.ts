/**
 * Dated releases of the open data: `npm run release` writes the GeoJSON, CSV and OSM files of
 * the public dataset (the live exports' default: active cameras) into
 * DATA_DIR/releases/YYYY-MM-DD[-n]/, with SHA256SUMS and changes.json (what was added, removed or
 * changed since the release before), and records the release in `data_releases`.
 *
 * All files come from one REPEATABLE READ transaction, so they describe the same moment even
 * while the app keeps running on PostgreSQL. A change is detected by comparing a hash of each
 * camera's exported record with the previous release's `camera-hashes.tsv`.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db';
import type { DataReleaseFile } from '../db/schema';
import { cameraBatches, exportChunks, geojsonFeature, today, type ExportFormat } from './cameras';
import * as repository from './repository';

/** Files a release holds, with their types; the download route serves only these names. */
export const releaseFiles = {
	'cameras.geojson': 'application/geo+json',
	'cameras.csv': 'text/csv; charset=utf-8; header=present',
	'cameras.osm': 'application/vnd.openstreetmap.data+xml',
	'changes.json': 'application/json',
	'camera-hashes.tsv': 'text/tab-separated-values; charset=utf-8',
	SHA256SUMS: 'text/plain; charset=utf-8'
} as const;
export type ReleaseFileName = keyof typeof releaseFiles;

export const RELEASE_NAME = /^\d{4}-\d{2}-\d{2}(-[1-9]\d*)?$/;
/** How many ids of each kind of change the table keeps (all of them are in changes.json). */
const IDS_KEPT = 200;

export function releasesDir(dataDir: string): string {
	return path.join(dataDir, 'releases');
}

async function writeStream(file: string, chunks: AsyncIterable<string>): Promise<DataReleaseFile> {
	const hash = createHash('sha256');
	const out = fs.createWriteStream(file);
	let bytes = 0;
	for await (const chunk of chunks) {
		const buffer = Buffer.from(chunk, 'utf8');
		hash.update(buffer);
		bytes += buffer.length;
		if (!out.write(buffer)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	const name = path.basename(file) as ReleaseFileName;
	return { name, bytes, sha256: hash.digest('hex'), contentType: releaseFiles[name] };
}

async function* single(text: string) {
	yield text;
}

/** `id → hash` of a release's records, read back from its camera-hashes.tsv. */
async function readHashes(dir: string): Promise<Map<number, string>> {
	const hashes = new Map<number, string>();
	const file = path.join(dir, 'camera-hashes.tsv');
	if (!fs.existsSync(file)) return hashes;
	const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
	for await (const line of lines) {
		const [id, hash] = line.split('\t');
		if (/^\d+$/.test(id)) hashes.set(Number(id), hash);
	}
	return hashes;
}

export interface ReleaseSummary {
	name: string;
	cameras: number;
	previous: string | null;
	added: number[];
	removed: number[];
	changed: number[];
	files: DataReleaseFile[];
	dir: string;
}

async function nextName(db: Kysely<DB> | Transaction<DB>, dir: string, day: string): Promise<string> {
	const taken = new Set(await repository.releaseNamesStartingWith(db, day));
	for (let n = 1; ; n++) {
		const name = n === 1 ? day : `${day}-${n}`;
		if (!taken.has(name) && !fs.existsSync(path.join(dir, name))) return name;
	}
}

/** Writes a release and records it; returns what it holds and what changed. */
export async function createRelease(
	db: Kysely<DB>,
	options: { dataDir: string; origin: string; day?: string }
): Promise<ReleaseSummary> {
	const root = releasesDir(options.dataDir);
	fs.mkdirSync(root, { recursive: true });
	return db
		.transaction()
		.setIsolationLevel('repeatable read')
		.execute(async (trx) => {
			const name = await nextName(trx, root, options.day ?? today());
			const dir = path.join(root, name);
			const work = `${dir}.partial`;
			fs.rmSync(work, { recursive: true, force: true });
			fs.mkdirSync(work);
			try {
				const exportOptions = { filter: {} };
				const files: DataReleaseFile[] = [];
				for (const format of ['geojson', 'csv', 'osm'] as ExportFormat[]) {
					const chunks = exportChunks(trx, format, exportOptions, { origin: options.origin });
					files.push(await writeStream(path.join(work, `cameras.${format}`), chunks));
				}

				const previous = await repository.latestReleaseName(trx);
				const before = previous ? await readHashes(path.join(root, previous)) : new Map<number, string>();
				const added: number[] = [];
				const changed: number[] = [];
				let cameras = 0;
				async function* hashLines(): AsyncGenerator<string> {
					yield 'id\tsha256\n';
					for await (const batch of cameraBatches(trx, exportOptions)) {
						let chunk = '';
						for (const camera of batch) {
							cameras++;
							const hash = createHash('sha256')
								.update(JSON.stringify(geojsonFeature(camera)))
								.digest('hex');
							const old = before.get(camera.id);
							if (old === undefined) added.push(camera.id);
							else if (old !== hash) changed.push(camera.id);
							before.delete(camera.id);
							chunk += `${camera.id}\t${hash}\n`;
						}
						yield chunk;
					}
				}
				files.push(await writeStream(path.join(work, 'camera-hashes.tsv'), hashLines()));
				const removed = [...before.keys()].sort((a, b) => a - b);
				const changes = {
					release: name,
					previous: previous ?? null,
					cameras,
					added,
					removed,
					changed
				};
				files.push(await writeStream(path.join(work, 'changes.json'), single(JSON.stringify(changes) + '\n')));
				const sums = files.map((file) => `${file.sha256}  ${file.name}\n`).join('');
				files.push(await writeStream(path.join(work, 'SHA256SUMS'), single(sums)));

				await repository.insertRelease(trx, {
					name,
					released_on: name.slice(0, 10),
					cameras,
					previous: previous ?? null,
					added: added.length,
					removed: removed.length,
					changed: changed.length,
					added_ids: added.slice(0, IDS_KEPT),
					removed_ids: removed.slice(0, IDS_KEPT),
					changed_ids: changed.slice(0, IDS_KEPT),
					files
				});
				fs.renameSync(work, dir);
				return { name, cameras, previous: previous ?? null, added, removed, changed, files, dir };
			} catch (error) {
				fs.rmSync(work, { recursive: true, force: true });
				throw error;
			}
		});
}

/** One file of a release, as recorded, or undefined. */
export async function releaseFile(db: Kysely<DB>, release: string, file: string): Promise<DataReleaseFile | undefined> {
	if (!RELEASE_NAME.test(release) || !(file in releaseFiles)) return undefined;
	const files = await repository.filesOfRelease(db, release);
	return files?.find((entry) => entry.name === file);
}
