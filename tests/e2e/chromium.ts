/**
 * Debian's Chromium, as the e2e tests and the page benchmark launch it (Playwright cannot
 * download its own browsers here). Without the background-networking flags Chromium keeps
 * trying hosts this machine cannot reach; WebGL runs in software (no GPU).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--use-gl=swiftshader',
	'--enable-unsafe-swiftshader'
];
