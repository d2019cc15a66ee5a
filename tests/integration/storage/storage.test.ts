/**
 * One storage specification, two drivers: the local disk and an S3-compatible server (s3rver,
 * a real HTTP server speaking the S3 protocol, on loopback).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskStorage, type PhotoStorage } from '../../../src/lib/server/storage';
import { s3Storage } from '../../../src/lib/server/storage/s3';

function keyFor(bytes: Uint8Array) {
	return `${createHash('sha256').update(bytes).digest('hex')}.webp`;
}

function describeStorage(name: string, make: () => Promise<{ storage: PhotoStorage; stop(): Promise<void> }>) {
	describe(`photo storage: ${name}`, () => {
		let storage: PhotoStorage;
		let stop: () => Promise<void>;
		beforeAll(async () => ({ storage, stop } = await make()));
		afterAll(() => stop?.());

		const bytes = new TextEncoder().encode(`photo bytes ${name}`);
		const key = keyFor(bytes);

		it('stores, finds, reads back and deletes a photo', async () => {
			expect(await storage.exists(key)).toBe(false);
			await storage.put(key, bytes, 'image/webp');
			expect(await storage.exists(key)).toBe(true);
			const stored = await storage.get(key);
			expect(stored?.contentType).toBe('image/webp');
			expect(Buffer.from(stored!.bytes).equals(Buffer.from(bytes))).toBe(true);
			await storage.delete(key);
			expect(await storage.exists(key)).toBe(false);
			expect(await storage.get(key)).toBeNull();
		});

		it('treats storing the same content twice as one photo', async () => {
			await storage.put(key, bytes, 'image/webp');
			await storage.put(key, bytes, 'image/webp');
			expect(Buffer.from((await storage.get(key))!.bytes).equals(Buffer.from(bytes))).toBe(true);
			await storage.delete(key);
		});

		it('refuses keys that are not content hashes (no path traversal)', async () => {
			for (const bad of ['../../etc/passwd', `${'a'.repeat(64)}.svg`, '', `../${key}`, key.toUpperCase()]) {
				await expect(storage.put(bad, bytes, 'image/webp')).rejects.toThrow(/invalid photo key/);
				await expect(storage.get(bad)).rejects.toThrow(/invalid photo key/);
			}
		});

		it('answers null for a photo that is not there, and deleting it is harmless', async () => {
			const absent = keyFor(new TextEncoder().encode('never stored'));
			expect(await storage.get(absent)).toBeNull();
			await storage.delete(absent);
		});
	});
}

describeStorage('disk', async () => {
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-disk-'));
	return { storage: diskStorage(root), stop: () => fs.rm(root, { recursive: true, force: true }) };
});

describeStorage('S3-compatible server', async () => {
	const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-s3-'));
	const server = new S3rver({
		port: 0,
		address: '127.0.0.1',
		directory,
		silent: true,
		configureBuckets: [{ name: 'photos', configs: [] }]
	});
	const { port } = await server.run();
	const storage = s3Storage({
		endpoint: `http://127.0.0.1:${port}`,
		region: 'us-east-1',
		bucket: 'photos',
		accessKeyId: 'S3RVER',
		secretAccessKey: 'S3RVER',
		forcePathStyle: true
	});
	return {
		storage,
		async stop() {
			await server.close();
			await fs.rm(directory, { recursive: true, force: true });
		}
	};
});
