/**
 * "My reports" on this device: the status links of the reports sent from it, kept in local
 * storage so an anonymous reporter can find a report again (signed-in reporters also have the
 * server's list). Only the link and the day are kept: nothing the server does not already give
 * the person holding the link.
 */
const KEY = 'nadzor.my-reports';
const MAX = 100;

export interface DeviceReport {
	/** The status page's path, `/report/status/{token}`. */
	path: string;
	/** The day it was sent (YYYY-MM-DD). */
	sentOn: string;
}

const STATUS_PATH = /^\/report\/status\/[A-Za-z0-9_-]{43}$/;

/** The status page path of a status URL (absolute or not); undefined for anything else. */
export function statusPathOf(statusUrl: string): string | undefined {
	try {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- parsed once, never kept or changed
		const path = new URL(statusUrl, 'http://x').pathname;
		return STATUS_PATH.test(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

function read(): DeviceReport[] {
	try {
		const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
		return Array.isArray(stored)
			? stored.filter(
					(item): item is DeviceReport =>
						typeof item?.path === 'string' && STATUS_PATH.test(item.path) && typeof item.sentOn === 'string'
				)
			: [];
	} catch {
		return [];
	}
}

function write(list: DeviceReport[]) {
	try {
		localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
	} catch {
		// Storage refused (private mode, full): the list stays as it was.
	}
}

/** Reactive view of the list for the pages that show it; every instance reads the same storage. */
export class MyReports {
	items = $state<DeviceReport[]>([]);

	/** Reads the list (call in the browser, e.g. from `onMount`). */
	load(): this {
		this.items = read();
		return this;
	}

	/** Keeps a status link, newest first; a link already kept is not added twice. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- today's date, read once
	remember(statusUrl: string, sentOn = new Date().toISOString().slice(0, 10)) {
		const path = statusPathOf(statusUrl);
		if (!path) return;
		const list = read();
		if (!list.some((item) => item.path === path)) write([{ path, sentOn }, ...list]);
		this.items = read();
	}

	forget(path: string) {
		write(read().filter((item) => item.path !== path));
		this.items = read();
	}
}
