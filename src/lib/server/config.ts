/**
 * The one place that reads the environment. Everything else imports `config`.
 * Plain `process.env` (not `$env/dynamic/private`) so the CLI scripts, seeds and
 * tests share this module with the app.
 */
import path from 'node:path';
import { z } from 'zod';
import { faultPoints } from './faults/points';

const flag = z
	.enum(['true', 'false', '1', '0', 'yes', 'no'])
	.transform((value) => ['true', '1', 'yes'].includes(value));

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

const schema = z
	.object({
		DATABASE_URL: z.preprocess(
			(value) => (value === '' ? undefined : value),
			z
				.string()
				.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
				.optional()
		),
		// Streaming replicas for reads that tolerate a little lag (src/lib/server/db/replicas.ts):
		// one URL or several, comma-separated. PostgreSQL + PostGIS only; the embedded database ignores it.
		DATABASE_READ_URL: z.preprocess(
			(value) =>
				typeof value === 'string'
					? value
							.split(',')
							.map((url) => url.trim())
							.filter(Boolean)
					: [],
			z.array(z.string().regex(/^postgres(ql)?:\/\//, 'each URL must start with postgres:// or postgresql://'))
		),
		DATA_DIR: z.string().min(1).default('./data'),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		HOST: z.string().default('0.0.0.0'),
		ORIGIN: optionalUrl,
		// Where visitors get this deployment's source code (AGPL-3.0 §13): a "Source code" link in
		// every page's footer. Your fork, with your changes.
		SOURCE_URL: optionalUrl,
		PHOTO_STORAGE: z.enum(['disk', 's3']).default('disk'),
		S3_ENDPOINT: optionalUrl,
		S3_REGION: z.string().default('us-east-1'),
		S3_BUCKET: z.string().optional(),
		S3_ACCESS_KEY_ID: z.string().optional(),
		S3_SECRET_ACCESS_KEY: z.string().optional(),
		S3_FORCE_PATH_STYLE: flag.default(true),
		BASEMAP_STYLE_URL: optionalUrl,
		// The street basemap: a PMTiles v3 archive of OpenMapTiles vector tiles and a folder of glyph
		// ranges (one subfolder per font). An empty BASEMAP_PMTILES turns the streets off.
		BASEMAP_PMTILES: z
			.string()
			.default('basemap/belgrade.pmtiles')
			.transform((value) => (value.trim() === '' ? undefined : path.resolve(value))),
		BASEMAP_FONTS: z
			.string()
			.min(1)
			.default('basemap/fonts')
			.transform((value) => path.resolve(value)),
		// Memory for basemap tiles (as sent, gzip-compressed), per app server.
		BASEMAP_CACHE_MB: z.coerce.number().int().min(0).max(65536).default(64),
		SEED_DEMO: flag.default(true),
		LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
		// Memory for gzip-compressed vector tiles, per app server (an LRU by bytes).
		TILE_CACHE_MB: z.coerce.number().int().min(0).max(65536).default(128),
		// Reports accepted per client (keyed hash of the address) per clock hour.
		RATE_LIMIT_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(60),
		// And per UTC day: an hourly limit alone lets one address send 1,440 reports a day.
		RATE_LIMIT_SUBMISSIONS_PER_DAY: z.coerce.number().int().min(1).default(200),
		// A camera nobody has reported seeing for this long is flagged as possibly gone.
		STALE_AFTER_DAYS: z.coerce.number().int().min(1).default(730),
		// Fault injection for the reliability suite only (src/lib/server/faults/inject.ts): a comma-separated
		// list of the fault points requests may trigger. Unset in production.
		NADZOR_FAULTS: z.preprocess(
			(value) => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((p) => p.trim()) : []),
			z.array(z.enum(faultPoints))
		)
	})
	.superRefine((env, ctx) => {
		if (env.PHOTO_STORAGE !== 's3') return;
		for (const key of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
			if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when PHOTO_STORAGE=s3' });
		}
	});

export type Config = ReturnType<typeof readConfig>;

/** Validates `env`; throws one error naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env) {
	const result = schema.safeParse(env);
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const parsed = result.data;
	return { ...parsed, DATA_DIR: path.resolve(parsed.DATA_DIR) };
}

export const config = readConfig();
