/**
 * The contributors' load: each contributor sends its reports one after another, all
 * contributors at once, each report with a phone photo and an idempotency key. Used by the load
 * scenario here and by the cluster suite (through a balancer, with retries).
 */
import { sendReport, sleep, type Reply } from './client';

export interface LoadOptions {
	origin: string;
	contributors: number;
	reports: number;
	/** Photos to send, in turn. */
	photos: Uint8Array[];
	/**
	 * How often a report that got no 201 (a 5xx or no answer) is sent again with the same key,
	 * as the report page's outbox does; 0 (the default): never.
	 */
	retries?: number;
	/** The loopback address a contributor connects from (one visitor per contributor behind a balancer). */
	addressOf?: (contributor: number) => string;
}

export interface TimedReply extends Reply {
	/** When the answer came (performance.now()). */
	at: number;
}

export interface LoadResult {
	/** Every answer, retries included. */
	replies: TimedReply[];
	/** Every idempotency key used, one per report. */
	keys: string[];
	/** The keys answered 201 (or 200: stored by an earlier try), with the report's id. */
	acknowledged: Map<string, string>;
	seconds: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const replies: TimedReply[] = [];
	const keys: string[] = [];
	const acknowledged = new Map<string, string>();
	const started = performance.now();
	await Promise.all(
		Array.from({ length: options.contributors }, async (_, contributor) => {
			for (let report = 0; report < options.reports; report++) {
				const n = contributor * options.reports + report;
				const key = crypto.randomUUID();
				keys.push(key);
				for (let attempt = 0; attempt <= (options.retries ?? 0); attempt++) {
					if (attempt > 0) await sleep(200 * attempt);
					const reply = await sendReport(options.origin, {
						key,
						lat: 44.75 + n / 10_000,
						lng: 20.4 + contributor / 1000,
						photos: [options.photos[n % options.photos.length]],
						localAddress: options.addressOf?.(contributor)
					});
					replies.push({ ...reply, at: performance.now() });
					if ((reply.status === 201 || reply.status === 200) && reply.id) {
						acknowledged.set(key, reply.id);
						break;
					}
					if (reply.status >= 400 && reply.status < 500) break;
				}
			}
		})
	);
	return { replies, keys, acknowledged, seconds: (performance.now() - started) / 1000 };
}
