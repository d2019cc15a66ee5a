/**
 * Fault injection, for proving that a report survives a dying database connection or a crashed
 * process at the worst moments (tests/reliability). Inert unless the operator sets
 * NADZOR_FAULTS to the points that may fire (see `points.ts`); the app then warns at
 * start-up that it must not face the public. With it set, a request chooses its fault with the
 * header `Nadzor-Fault: <point>=<action>`, e.g. `submission.before-commit=terminate`.
 *
 * The request's choice travels with its async context (AsyncLocalStorage), so code deep in the
 * flow calls `fault(point, executor)` without threading the request through every signature.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { config } from '../config';
import { faultActions, faultPoints, type FaultAction, type FaultPoint } from './points';
import { terminateOwnConnection } from './repository';
import { log } from '../log';

export const FAULT_HEADER = 'nadzor-fault';

interface Chosen {
	point: FaultPoint;
	action: FaultAction;
}

const current = new AsyncLocalStorage<Chosen>();

export function faultsEnabled(): boolean {
	return config.NADZOR_FAULTS.length > 0;
}

/** The fault a request asks for, if faults are on and the point is allowed. */
export function requestedFault(header: string | null): Chosen | undefined {
	if (!header || !faultsEnabled()) return undefined;
	const [point, action] = header.split('=').map((part) => part.trim());
	if (!(faultPoints as readonly string[]).includes(point) || !(faultActions as readonly string[]).includes(action)) {
		return undefined;
	}
	if (!config.NADZOR_FAULTS.includes(point as FaultPoint)) return undefined;
	return { point: point as FaultPoint, action: action as FaultAction };
}

/** Runs `body` with the request's chosen fault armed. */
export function withFault<T>(chosen: Chosen | undefined, body: () => T): T {
	return chosen ? current.run(chosen, body) : body();
}

/**
 * A fault point. Does nothing unless this request armed a fault here. `terminate` needs the
 * executor whose connection should die (a transaction, or the pool for a fresh connection).
 */
export async function fault(point: FaultPoint, executor?: Kysely<DB>): Promise<void> {
	const chosen = current.getStore();
	if (!chosen || chosen.point !== point) return;
	log.warn('fault injected', { point, action: chosen.action });
	if (chosen.action === 'crash') {
		process.kill(process.pid, 'SIGKILL');
		// SIGKILL is not delivered synchronously: never carry on past the point.
		await new Promise(() => undefined);
	}
	if (!executor) throw new Error(`fault point ${point} has no database connection to terminate`);
	// The backend ends itself; the statement fails as any statement on a killed connection does.
	await terminateOwnConnection(executor);
	throw new Error(`fault point ${point}: the connection outlived pg_terminate_backend`);
}
