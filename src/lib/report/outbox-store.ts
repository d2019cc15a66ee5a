/**
 * The outbox: reports kept on the device (IndexedDB, photos included) until the server has
 * them. Plain module, no Svelte, so the service worker uses the same code as the page.
 *
 * Every report carries its idempotency key from the moment it is created (it is the entry's
 * id), so sending it again — after a lost answer, a reload, from the page and from the
 * service worker at once — stores it once.
 */
export type OutboxState = 'pending' | 'sending' | 'failed' | 'sent';

export interface OutboxPhoto {
	blob: Blob;
	name: string;
}

export interface OutboxEntry {
	/** The idempotency key. */
	id: string;
	createdAt: number;
	/** The report's form fields (`payloadFromForm` reads them on the server). */
	fields: [string, string][];
	photos: OutboxPhoto[];
	state: OutboxState;
	attempts: number;
	/** Don't try before (rate limited). */
	notBefore?: number;
	/** Why it failed: a message from the server in the reporter's language, or `network`/`server`. */
	error?: string;
	fieldErrors?: Record<string, string>;
	statusUrl?: string;
}

const DB_NAME = 'nadzor-outbox';
const STORE = 'reports';
export const SYNC_TAG = 'nadzor-outbox';
export const CHANNEL = 'nadzor-outbox';
export const ENDPOINT = '/api/v1/submissions';

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

let opening: Promise<IDBDatabase> | undefined;
function open(): Promise<IDBDatabase> {
	opening ??= new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => {
			opening = undefined;
			reject(req.error);
		};
	});
	return opening;
}

async function store(mode: IDBTransactionMode) {
	return (await open()).transaction(STORE, mode).objectStore(STORE);
}

export async function all(): Promise<OutboxEntry[]> {
	const entries = await request((await store('readonly')).getAll() as IDBRequest<OutboxEntry[]>);
	return entries.sort((a, b) => a.createdAt - b.createdAt);
}

export async function get(id: string): Promise<OutboxEntry | undefined> {
	return request((await store('readonly')).get(id) as IDBRequest<OutboxEntry | undefined>);
}

export async function put(entry: OutboxEntry): Promise<void> {
	await request((await store('readwrite')).put(entry));
	announce();
}

export async function remove(id: string): Promise<void> {
	await request((await store('readwrite')).delete(id));
	announce();
}

/** Tells every open page (and the service worker) that the outbox changed. */
function announce() {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage('changed');
	channel.close();
}

export type PostOutcome =
	| { result: 'sent'; statusUrl: string }
	| { result: 'retry'; error: string; notBefore?: number }
	| { result: 'failed'; error: string; fieldErrors?: Record<string, string> };

/** POSTs one report. Never throws: network trouble and 5xx mean "retry later". */
export async function postReport(
	id: string,
	fields: readonly [string, string][],
	photos: readonly OutboxPhoto[]
): Promise<PostOutcome> {
	const body = new FormData();
	for (const [name, value] of fields) body.append(name, value);
	for (const photo of photos) body.append('photos', photo.blob, photo.name);
	try {
		const response = await fetch(ENDPOINT, {
			method: 'POST',
			body,
			headers: { 'idempotency-key': id, accept: 'application/json' },
			credentials: 'same-origin'
		});
		const answer = await response.json().catch(() => ({}));
		if (response.ok && typeof answer.statusUrl === 'string') return { result: 'sent', statusUrl: answer.statusUrl };
		if (response.status === 429) {
			const wait = Number(response.headers.get('retry-after') ?? 60);
			return { result: 'retry', error: answer.message ?? 'server', notBefore: Date.now() + wait * 1000 };
		}
		if (response.status >= 500 || response.status === 408) return { result: 'retry', error: 'server' };
		return { result: 'failed', error: answer.message ?? 'server', fieldErrors: answer.fields };
	} catch {
		return { result: 'retry', error: 'network' };
	}
}

/** Sends one entry and records the outcome. */
export async function send(id: string): Promise<OutboxEntry | undefined> {
	const entry = await get(id);
	if (!entry || entry.state === 'sent') return entry;
	await put({ ...entry, state: 'sending', attempts: entry.attempts + 1 });
	const outcome = await postReport(entry.id, entry.fields, entry.photos);
	let next: OutboxEntry;
	if (outcome.result === 'sent') {
		// The server has it: keep only what the reporter needs to follow it up.
		next = { ...entry, state: 'sent', photos: [], fields: [], statusUrl: outcome.statusUrl, error: undefined };
	} else if (outcome.result === 'retry') {
		next = { ...entry, state: 'pending', error: outcome.error, notBefore: outcome.notBefore };
	} else {
		next = { ...entry, state: 'failed', error: outcome.error, fieldErrors: outcome.fieldErrors };
	}
	// Replaced or discarded meanwhile? Then leave it alone.
	if (!(await get(id))) return undefined;
	await put(next);
	return next;
}

/** Runs `task` while no other page or the service worker sends (where Web Locks exist). */
async function exclusively<T>(task: () => Promise<T>): Promise<T> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	return locks ? locks.request(CHANNEL, task) : task();
}

/** Sends one entry now (e.g. right after the reporter pressed "send"). */
export function sendNow(id: string): Promise<OutboxEntry | undefined> {
	return exclusively(() => send(id));
}

/** Sends every entry that is due. */
export async function flush(): Promise<void> {
	await exclusively(async () => {
		for (const entry of await all()) {
			if (entry.state !== 'pending' && entry.state !== 'sending') continue;
			if (entry.notBefore && entry.notBefore > Date.now()) continue;
			const result = await send(entry.id);
			// Still offline: the rest would fail the same way.
			if (result?.state === 'pending' && result.error === 'network') break;
		}
	});
}
