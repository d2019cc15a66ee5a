/**
 * The service worker keeps the report page usable offline and sends queued reports:
 * - precaches the app's immutable build files and the report page;
 * - the report page: network first, the cached copy when offline;
 * - Background Sync (`nadzor-outbox`): sends the outbox even when no page is open.
 * Nothing else is intercepted: API calls, tiles and other pages go to the network as usual.
 */
import { version } from '$app/env';
import { immutable as built } from '$app/manifest';
import { self as sw } from '$app/service-worker';
import { flush, SYNC_TAG } from '#lib/report/outbox-store.js';

const CACHE = `nadzor-${version}`;
const REPORT_PAGE = '/report';
/** The build's files as absolute paths (the manifest's are relative to the base path, here `/`). */
const build = built.map(({ path }) => new URL(path, sw.location.origin + '/').pathname);
const immutable = new Set(build);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(build);
			// The page is best effort: the app still installs if it cannot be fetched right now.
			await cache.add(REPORT_PAGE).catch(() => undefined);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

async function reportPage(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(REPORT_PAGE, response.clone());
		return response;
	} catch (error) {
		const cached = await cache.match(REPORT_PAGE);
		if (cached) return cached;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (immutable.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
		return;
	}
	if (request.mode === 'navigate' && url.pathname === REPORT_PAGE) {
		event.respondWith(reportPage(request));
	}
});

interface SyncEvent extends ExtendableEvent {
	readonly tag: string;
}

sw.addEventListener('sync', ((event: SyncEvent) => {
	if (event.tag === SYNC_TAG) event.waitUntil(flush());
}) as EventListener);
