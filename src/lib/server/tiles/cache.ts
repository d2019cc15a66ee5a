/**
 * A least-recently-used cache bounded by bytes (not entries: a z16 tile can be 100 times the
 * size of a z3 one). Map keeps insertion order, so re-inserting on a hit makes it the newest.
 */
export class ByteLru<V> {
	private readonly entries = new Map<string, { value: V; bytes: number }>();
	private total = 0;

	constructor(readonly maxBytes: number) {}

	get size(): number {
		return this.entries.size;
	}

	get bytes(): number {
		return this.total;
	}

	get(key: string): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		this.entries.set(key, entry);
		return entry.value;
	}

	/** The entry under `key`, without making it the newest. */
	peek(key: string): V | undefined {
		return this.entries.get(key)?.value;
	}

	/** Stores `value` (costing `bytes`); evicts the oldest entries to stay within the bound. */
	set(key: string, value: V, bytes: number): void {
		this.delete(key);
		if (bytes > this.maxBytes) return;
		this.entries.set(key, { value, bytes });
		this.total += bytes;
		for (const [oldest, entry] of this.entries) {
			if (this.total <= this.maxBytes) break;
			this.entries.delete(oldest);
			this.total -= entry.bytes;
		}
	}

	/** Charges `value` anew (it grew, say) if it is still the one stored under `key`. */
	recharge(key: string, value: V, bytes: number): void {
		if (this.entries.get(key)?.value === value) this.set(key, value, bytes);
	}

	delete(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		this.entries.delete(key);
		this.total -= entry.bytes;
	}

	clear(): void {
		this.entries.clear();
		this.total = 0;
	}
}
