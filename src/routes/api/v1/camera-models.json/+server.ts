import * as cameraModels from '#lib/server/models/repository.js';
import type { RequestHandler } from './$types';

/** The catalogue of camera models with capabilities and evidence (see docs/api.md). */
export const GET: RequestHandler = async ({ locals }) => {
	const models = await cameraModels.list(locals.db);
	return Response.json(
		{ generated: new Date().toISOString().slice(0, 10), models },
		{ headers: { 'cache-control': 'public, max-age=60' } }
	);
};
