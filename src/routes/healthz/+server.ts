import { ping } from '#lib/server/db/health.js';
import { database } from '#lib/server/db/instance.js';
import type { RequestHandler } from './$types';

/** Liveness and database state, for load balancers and operators. */
export const GET: RequestHandler = async () => {
	const { db, backend } = database();
	try {
		const started = performance.now();
		await ping(db);
		return Response.json(
			{ status: 'ok', database: { backend, state: 'up', ms: Math.round(performance.now() - started) } },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return Response.json(
			{ status: 'degraded', database: { backend, state: 'down' } },
			{ status: 503, headers: { 'cache-control': 'no-store', 'retry-after': '5' } }
		);
	}
};
