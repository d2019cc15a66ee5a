import { defineConfig, devices } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { ADMIN, MODERATOR } from './tests/e2e/accounts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './tests/e2e/chromium';

/**
 * E2E against the production build in Debian's Chromium (Playwright cannot download its own
 * browsers here). Every run starts from a fresh data directory, so the embedded database is
 * migrated and seeded with the demo data. ORIGIN must match or form posts get 403.
 */
const PORT = Number(process.env.E2E_PORT ?? 3102);
const ORIGIN = `http://localhost:${PORT}`;
const DATA_DIR = path.join(os.tmpdir(), `nadzor-e2e-${PORT}`);

const chromium = { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS };

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: { baseURL: ORIGIN, trace: 'retain-on-failure', launchOptions: chromium },
	projects: [
		// Moderation is laptop work: its story runs on the desktop only.
		{ name: 'phone', use: { ...devices['Pixel 7'], launchOptions: chromium }, testIgnore: /moderate\.spec\.ts/ },
		{
			name: 'desktop',
			use: { ...devices['Desktop Chrome'], launchOptions: chromium },
			testMatch: /(pages|moderate|areas)\.spec\.ts/
		}
	],
	webServer: {
		// A fresh database with a moderator and an admin account, the City of Zagreb's official list
		// an official number of cameras for Stari grad and OpenStreetMap leads from a small file (all made
		// with the CLI, as an operator would).
		command: [
			`rm -rf ${DATA_DIR}`,
			'npm run build',
			`NADZOR_PASSWORD='${MODERATOR.password}' npx tsx scripts/user.ts create --username ${MODERATOR.username} --role moderator`,
			`NADZOR_PASSWORD='${ADMIN.password}' npx tsx scripts/user.ts create --username ${ADMIN.username} --role admin`,
			// (The claim needs the areas: seeded here rather than on the server's first start.)
			'npx tsx scripts/db.ts seed',
			`npx tsx scripts/areas.ts claim --area stari-grad --cameras 40 --source 'MUP Srbije (e2e)' --date 2021-02-15`,
			'npx tsx scripts/osm.ts import tests/fixtures/osm/surveillance.osm',
			`npx tsx scripts/official.ts import seeds/data/zagreb-official-cameras.geojson --name 'Popis nadzornih kamera Grada Zagreba' --source 'Grad Zagreb, data.gov.hr' --date 2016-01-01 --ref-field row --location-field location`,
			'node scripts/server.js'
		].join(' && '),
		url: `${ORIGIN}/healthz`,
		// The build and six command-line steps, each opening the embedded database, on busy cores.
		timeout: 600_000,
		reuseExistingServer: !process.env.CI,
		env: {
			PORT: String(PORT),
			ORIGIN,
			DATA_DIR,
			LOG_LEVEL: 'warn',
			// The e2e suite reports many cameras from one address.
			RATE_LIMIT_SUBMISSIONS_PER_HOUR: '10000'
		}
	}
});
