/**
 * Global setup of the reliability suite: the production build (made when stale) and a private
 * PostgreSQL cluster shared by the scenarios (each makes its own database in it). At the end,
 * the numbers every scenario recorded are printed as tables.
 */
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from '../integration/app';
import { createCluster, removeCluster } from './cluster';
import { printResults, RESULTS_FILE } from './results';

export default async function setup(project: TestProject) {
	const started = Date.now();
	fs.rmSync(RESULTS_FILE, { force: true });
	await ensureBuilt();
	const cluster = await createCluster();
	project.provide('cluster', cluster);
	return async () => {
		removeCluster(cluster.dataDir);
		printResults(cluster.settings, (Date.now() - started) / 1000);
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		cluster: import('./cluster').ClusterInfo;
	}
}
