/**
 * Photo storage full (a small tmpfs mounted as the photo directory): reports are refused with
 * 507, Retry-After and a message in the reporter's language; nothing half-stored is left (no
 * row pointing at a missing file, no orphan or half-written file). Needs root for the mount.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { translate } from '../../src/lib/i18n';
import { createDatabase } from './cluster';
import { appPort, startApp, type RunningApp } from './app';
import { sendReport, type Reply } from './client';
import { record } from './results';
import { photoDir, Store } from './store';

const PORT = appPort(4);
const TMPFS_SIZE = '3m';
const ATTEMPTS = 12;

/** Noise (large files once re-encoded), different for each seed. */
async function bulkyPhoto(seed: number): Promise<Uint8Array> {
	const width = 1400;
	const height = 1050;
	const raw = Buffer.alloc(width * height * 3);
	let state = (seed * 2654435761) >>> 0;
	for (let i = 0; i < raw.length; i++) {
		state = (state * 1103515245 + 12345) >>> 0;
		raw[i] = state >>> 24;
	}
	return new Uint8Array(
		await sharp(raw, { raw: { width, height, channels: 3 } })
			.jpeg({ quality: 80 })
			.toBuffer()
	);
}

describe('photo storage full', () => {
	const cluster = inject('cluster');
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-reliability-full-'));
	const photos = photoDir(dataDir);
	let mounted = false;
	let app: RunningApp;
	let store: Store;

	beforeAll(async () => {
		if (process.getuid?.() !== 0) throw new Error('the storage-full scenario mounts a tmpfs: run it as root');
		fs.mkdirSync(photos);
		execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0700`, 'tmpfs', photos]);
		mounted = true;
		const databaseUrl = await createDatabase(cluster.adminUrl, 'reliability_full');
		app = await startApp({ port: PORT, dataDir, databaseUrl });
		store = new Store(databaseUrl, photos);
	});
	afterAll(async () => {
		await app?.stop();
		await store?.close();
		if (mounted) execFileSync('umount', [photos]);
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('refuses with 507 and a clear message, and stores nothing half', async () => {
		const replies: Reply[] = [];
		const acknowledged: string[] = [];
		for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
			const key = crypto.randomUUID();
			const language = attempt % 2 === 0 ? 'en' : 'sr-Latn';
			const reply = await sendReport(app.origin, {
				key,
				lat: 44.78 + attempt / 10_000,
				lng: 20.42,
				photos: [await bulkyPhoto(attempt + 1)],
				language
			});
			replies.push(reply);
			if (reply.status === 201) acknowledged.push(key);
			if (reply.status === 507) {
				expect(reply.error).toBe('storage_full');
				expect(reply.retryAfter).toBe('300');
				expect(reply.message).toBe(translate(language === 'en' ? 'en' : 'sr-Latn', 'report.error.storageFull'));
			}
		}
		const full = replies.filter((reply) => reply.status === 507).length;
		expect(acknowledged.length).toBeGreaterThan(0);
		expect(full).toBeGreaterThan(1);
		expect(replies.filter((reply) => reply.status !== 201 && reply.status !== 507)).toEqual([]);

		const state = await store.state();
		expect(state.submissions).toBe(acknowledged.length);
		expect([...(await store.rowsPerKey(acknowledged)).values()].every((n) => n === 1)).toBe(true);
		expect(state.missing).toEqual([]);
		expect(state.orphans).toEqual([]);
		expect(state.temporary).toEqual([]);
		expect(state.uploads).toBe(0);
		expect(app.alive()).toBe(true);

		const used = execFileSync('df', ['--output=used,size', '-k', photos], { encoding: 'utf8' }).trim().split('\n')[1];
		record(`Photo storage full (tmpfs of ${TMPFS_SIZE.toUpperCase()}B as the photo directory)`, [
			['reports sent', replies.length],
			['201 stored / 507 refused / other', `${acknowledged.length} / ${full} / 0`],
			['507 with Retry-After and a translated message', `${full} of ${full}`],
			['rows / rows pointing at a missing file', `${state.submissions} / ${state.missing.length}`],
			[
				'orphan / half-written files / upload records',
				`${state.orphans.length} / ${state.temporary.length} / ${state.uploads}`
			],
			['tmpfs used / size (KB)', used.trim().split(/\s+/).join(' / ')]
		]);
	});
});
