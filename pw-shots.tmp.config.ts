import { defineConfig } from '@playwright/test';
export default defineConfig({
	testDir: '/work/wt-belgrade/tests/shots.tmp',
	workers: 1,
	timeout: 120_000,
	reporter: [['list']],
	use: { baseURL: 'http://localhost:3260', launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] } }
});
