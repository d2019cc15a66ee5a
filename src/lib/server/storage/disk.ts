/**
 * Photos on the local disk: `<root>/<first two hex digits>/<key>`. A file is written to a
 * temporary name and renamed, so a reader never sees half a file; `cleanTemporaryFiles`
 * removes what a crash between the two steps left behind.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PhotoStorage } from './index';
import { contentTypes, PHOTO_KEY } from './keys';

const TEMPORARY = /\.tmp$/;

export function diskStorage(root: string): PhotoStorage {
	const file = (key: string) => {
		if (!PHOTO_KEY.test(key)) throw new Error('invalid photo key');
		return path.join(root, key.slice(0, 2), key);
	};
	return {
		async put(key, bytes) {
			const target = file(key);
			await fs.mkdir(path.dirname(target), { recursive: true });
			const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
			await fs.writeFile(temporary, bytes);
			await fs.rename(temporary, target);
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
		async cleanTemporaryFiles(olderThanMs = 3_600_000) {
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
				if (stat && Date.now() - stat.mtimeMs > olderThanMs) {
					await fs.rm(full, { force: true });
					removed++;
				}
			}
			return removed;
		}
	};
}
