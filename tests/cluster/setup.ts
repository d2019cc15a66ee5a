/**
 * Global setup of the cluster suite: the production build (made when stale), a private
 * PostgreSQL + PostGIS primary and a streaming replica of it (tests/reliability/cluster.ts), the
 * app's database on the primary, and an S3-compatible server (s3rver) for the photos. At the end
 * the scenarios' numbers are printed as tables (for bench/RESULTS.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from '../integration/app';
import {
	createCluster,
	createDatabase,
	createReplica,
	removeCluster,
	urlFor,
	type ClusterInfo
} from '../reliability/cluster';
import { printResults, RESULTS_FILE } from '../reliability/results';

const PRIMARY_PORT = Number(process.env.CLUSTER_PG_PORT ?? 5497);
const REPLICA_PORT = PRIMARY_PORT + 1;
export const S3_PORT = Number(process.env.CLUSTER_S3_PORT ?? 3279);
const DATABASE = 'nadzor_cluster';

export interface ClusterSuite {
	primary: ClusterInfo;
	replica: ClusterInfo;
	/** The app's database on the primary and the same database on the replica. */
	databaseUrl: string;
	readUrl: string;
	s3Endpoint: string;
}

export default async function setup(project: TestProject) {
	const started = Date.now();
	fs.rmSync(RESULTS_FILE, { force: true });
	await ensureBuilt();
	// hot_standby_feedback: a query on the replica is never cancelled because the primary vacuumed
	// rows it still reads (which would answer 500); the setting is copied to the replica.
	const primary = await createCluster({
		port: PRIMARY_PORT,
		prefix: 'nadzor-cluster-pg-',
		serverSettings: { hot_standby_feedback: 'on' }
	});
	const databaseUrl = await createDatabase(primary.adminUrl, DATABASE);
	const replica = await createReplica(primary, REPLICA_PORT, 'nadzor-cluster-replica-');
	const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nadzor-cluster-s3-'));
	const s3 = new S3rver({
		port: S3_PORT,
		address: '127.0.0.1',
		directory: s3Dir,
		silent: true,
		configureBuckets: [{ name: 'photos', configs: [] }]
	});
	await s3.run();
	const suite: ClusterSuite = {
		primary,
		replica,
		databaseUrl,
		readUrl: urlFor(DATABASE, REPLICA_PORT),
		s3Endpoint: `http://127.0.0.1:${S3_PORT}`
	};
	project.provide('clusterSuite', suite);
	return async () => {
		await s3.close();
		fs.rmSync(s3Dir, { recursive: true, force: true });
		removeCluster(replica.dataDir);
		removeCluster(primary.dataDir);
		printResults(primary.settings, (Date.now() - started) / 1000, 'Cluster suite');
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		clusterSuite: import('./setup').ClusterSuite;
	}
}
