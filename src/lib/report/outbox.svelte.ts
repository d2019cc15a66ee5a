/**
 * The outbox as reactive state for the report page: lists the reports kept on this device,
 * sends them when the connection returns (the `online` event, page load, a timer, and
 * Background Sync through the service worker where the browser has it).
 */
import * as outboxStore from './outbox-store';
import type { OutboxEntry, OutboxPhoto } from './outbox-store';

export type { OutboxEntry } from './outbox-store';

const RETRY_EVERY_MS = 30_000;

export class Outbox {
	entries = $state<OutboxEntry[]>([]);
	/** IndexedDB missing or refused (private mode in some browsers): reports go straight to the server. */
	available = $state(true);

	#channel: BroadcastChannel | undefined;
	#timer: ReturnType<typeof setInterval> | undefined;

	/** Starts listening; returns the cleanup. */
	start(): () => void {
		const onOnline = () => void this.flush();
		window.addEventListener('online', onOnline);
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(outboxStore.CHANNEL);
			this.#channel.onmessage = () => void this.refresh();
		}
		this.#timer = setInterval(() => {
			if (navigator.onLine && this.entries.some((entry) => entry.state === 'pending')) void this.flush();
		}, RETRY_EVERY_MS);
		void this.refresh().then(() => this.flush());
		return () => {
			window.removeEventListener('online', onOnline);
			this.#channel?.close();
			clearInterval(this.#timer);
		};
	}

	async refresh(): Promise<void> {
		try {
			this.entries = await outboxStore.all();
		} catch {
			this.available = false;
		}
	}

	/**
	 * Keeps a new report on the device before anything goes over the network. False when the
	 * device cannot store it (no IndexedDB, storage full).
	 */
	async add(id: string, fields: [string, string][], photos: OutboxPhoto[]): Promise<boolean> {
		if (!this.available) return false;
		try {
			await outboxStore.put({ id, createdAt: Date.now(), fields, photos, state: 'pending', attempts: 0 });
		} catch {
			return false;
		}
		await this.refresh();
		return true;
	}

	async send(id: string): Promise<OutboxEntry | undefined> {
		const result = await outboxStore.sendNow(id);
		await this.refresh();
		if (result?.state === 'pending') await this.#requestSync();
		return result;
	}

	async flush(): Promise<void> {
		try {
			await outboxStore.flush();
		} finally {
			await this.refresh();
		}
		if (this.entries.some((entry) => entry.state === 'pending')) await this.#requestSync();
	}

	async retry(id: string): Promise<void> {
		const entry = await outboxStore.get(id);
		if (!entry) return;
		await outboxStore.put({ ...entry, state: 'pending', notBefore: undefined });
		await this.send(id);
	}

	async discard(id: string): Promise<void> {
		await outboxStore.remove(id);
		await this.refresh();
	}

	/** Background Sync: the service worker sends the queue even if this page is closed. */
	async #requestSync(): Promise<void> {
		try {
			const registration = await navigator.serviceWorker?.getRegistration();
			const sync = (
				registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
			)?.sync;
			await sync?.register(outboxStore.SYNC_TAG);
		} catch {
			// Not supported or not allowed: the online event and the timer still retry.
		}
	}
}
