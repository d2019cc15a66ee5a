/**
 * One process owns an embedded database directory. PGlite admits one process per directory: a
 * second one opening the same files corrupts them. The owner (the app, or a command-line tool run
 * while the app is stopped) writes its process id to `DATA_DIR/pglite.pid`, created exclusively;
 * everyone else reaches the database through the owner's socket (`DATA_DIR/socket`), which only
 * the owner creates and removes. A file left by a process that is gone is taken over.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export const SOCKET_PORT = 5432;

export const ownerFile = (dataDir: string) => path.join(dataDir, 'pglite.pid');
export const socketDir = (dataDir: string) => path.join(dataDir, 'socket');
export const socketPath = (dataDir: string) => path.join(socketDir(dataDir), `.s.PGSQL.${SOCKET_PORT}`);

function alive(pid: number): boolean {
	// Our own id in the file is a previous life of this process (a container restarted as pid 1).
	if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes ownership of `dataDir`, or names the live process that holds it. */
export async function claim(dataDir: string): Promise<{ release(): Promise<void> } | { owner: number }> {
	await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
	const file = ownerFile(dataDir);
	for (;;) {
		try {
			await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
			return {
				async release() {
					const content = await fs.readFile(file, 'utf8').catch(() => '');
					if (Number(content.trim()) === process.pid) await fs.rm(file, { force: true });
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const owner = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
		if (alive(owner)) return { owner };
		// Gone (killed, or the machine restarted): the file is stale.
		await fs.rm(file, { force: true });
	}
}

/** Resolves when the owner's socket accepts connections (the owner may still be starting). */
export async function waitForSocket(dataDir: string, owner: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const answered = await new Promise<boolean>((resolve) => {
			const socket = net.connect(socketPath(dataDir));
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (answered) return;
		if (!alive(owner)) throw new Error(`process ${owner} holding the embedded database in ${dataDir} has stopped`);
		if (Date.now() > deadline) {
			throw new Error(`the embedded database in ${dataDir} is held by process ${owner}, whose socket does not answer`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
