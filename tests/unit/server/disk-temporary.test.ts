import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskStorage } from '../../../src/lib/server/storage';

const host = os.hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';
const key = 'a'.repeat(64) + '.webp';

describe('disk storage: half-written files', () => {
	let root: string;
	const write = async (name: string) => {
		const file = path.join(root, 'aa', name);
		await fs.mkdir(path.dirname(file), { recursive: true });
		await fs.writeFile(file, 'half');
		return name;
	};
	const left = async () => (await fs.readdir(path.join(root, 'aa'))).sort();

	beforeEach(async () => {
		root = await fs.mkdtemp(path.join(os.tmpdir(), 'nadzor-disk-'));
	});
	afterEach(() => fs.rm(root, { recursive: true, force: true }));

	it('at start-up removes what a stopped process on this host was writing, and nothing of a live one', async () => {
		// A pid that cannot be running (above the kernel's pid_max).
		await write(`${key}.${host}.99999999.x1.tmp`);
		// Our own pid: at start-up, before any request, the file can only be a predecessor's.
		await write(`${key}.${host}.${process.pid}.x2.tmp`);
		// pid 1 is alive: a process of this host still writing.
		const live = await write(`${key}.${host}.1.x3.tmp`);
		const otherHost = await write(`${key}.elsewhere.99999999.x4.tmp`);
		const finished = await write(key);
		expect(await diskStorage(root).cleanTemporaryFiles!({ startup: true })).toBe(2);
		expect(await left()).toEqual([finished, live, otherHost].sort());
	});

	it('without start-up only removes abandoned files older than the limit', async () => {
		await write(`${key}.${host}.99999999.x1.tmp`);
		expect(await diskStorage(root).cleanTemporaryFiles!()).toBe(0);
		expect(await diskStorage(root).cleanTemporaryFiles!({ olderThanMs: -1 })).toBe(1);
	});

	it('never leaves a temporary file behind when a write fails', async () => {
		const storage = diskStorage(root);
		// A directory where the file should go makes the rename fail after the write.
		await fs.mkdir(path.join(root, 'bb', 'b'.repeat(64) + '.webp'), { recursive: true });
		await expect(storage.put('b'.repeat(64) + '.webp', new Uint8Array(10), 'image/webp')).rejects.toThrow();
		expect(await fs.readdir(path.join(root, 'bb'))).toEqual(['b'.repeat(64) + '.webp']);
	});
});
