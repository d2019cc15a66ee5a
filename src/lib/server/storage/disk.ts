/**
 * Photos on the local disk: `<root>/<first two hex digits>/<key>`. A file is written to a
 * temporary name and renamed, so a reader never sees half a file; `cleanTemporaryFiles`
 * removes what a crash between the two steps left behind. A temporary name carries the host
 * and process that writes it (`<key>.<host>.<pid>.<random>.tmp`), so a restarted server can
 * remove what its killed predecessor left at once, without touching files that another live
 * process (on this host or another one sharing the directory) is writing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fault } from '../faults/inject';
import type { CleanOptions, PhotoStorage } from './index';
import { contentTypes, PHOTO_KEY } from './keys';

const TEMPORARY = /\.tmp$/;
const WRITER = /\.([A-Za-z0-9-]+)\.(\d+)\.[a-z0-9]+\.tmp$/;
const HOST = os.hostname().replace(/[^A-Za-z0-9-]/g, '-') || 'host';

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: alive, but someone else's.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** At start-up: a file this host's dead process (or a predecessor with our pid) was writing. */
function leftByStoppedProcess(name: string): boolean {
	const match = WRITER.exec(name);
	if (!match || match[1] !== HOST) return false;
	const pid = Number(match[2]);
	return pid === process.pid || !processAlive(pid);
}

export function diskStorage(root: string): PhotoStorage {
	// Pending and rejected photos are for moderators only: the directory is the app user's alone
	// (an existing one is tightened too), and every file in it is 0600.
	void fs
		.mkdir(root, { recursive: true, mode: 0o700 })
		.then(() => fs.chmod(root, 0o700))
		.catch(() => undefined);
	const file = (key: string) => {
		if (!PHOTO_KEY.test(key)) throw new Error('invalid photo key');
		return path.join(root, key.slice(0, 2), key);
	};
	return {
		async put(key, bytes) {
			const target = file(key);
			await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
			const temporary = `${target}.${HOST}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
			try {
				await fs.writeFile(temporary, bytes, { mode: 0o600 });
				await fault('storage.temporary-written');
				await fs.rename(temporary, target);
			} catch (error) {
				// A full disk leaves part of the file behind: never keep it.
				await fs.rm(temporary, { force: true }).catch(() => undefined);
				throw error;
			}
		},
		async get(key) {
			try {
				const bytes = await fs.readFile(file(key));
				return { bytes: new Uint8Array(bytes), contentType: contentTypes[key.split('.').pop()!] };
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
				throw error;
			}
		},
		async delete(key) {
			await fs.rm(file(key), { force: true });
		},
		async exists(key) {
			try {
				await fs.access(file(key));
				return true;
			} catch {
				return false;
			}
		},
		async cleanTemporaryFiles({ olderThanMs = 3_600_000, startup = false }: CleanOptions = {}) {
			let removed = 0;
			let entries;
			try {
				entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
				throw error;
			}
			for (const entry of entries) {
				if (!entry.isFile() || !TEMPORARY.test(entry.name)) continue;
				const full = path.join(entry.parentPath, entry.name);
				const stat = await fs.stat(full).catch(() => null);
				if (stat && ((startup && leftByStoppedProcess(entry.name)) || Date.now() - stat.mtimeMs > olderThanMs)) {
					await fs.rm(full, { force: true });
					removed++;
				}
			}
			return removed;
		}
	};
}
