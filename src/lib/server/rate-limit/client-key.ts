/**
 * A client key: the first CLIENT_KEY_BITS bits of HMAC-SHA256 of the client's address under a
 * random key of the day. Throttles count per client key, never per address: the address is not
 * stored or logged, the key is replaced every UTC day and the old one deleted.
 *
 * Why only 20 bits: the day's key sits in the same database as the values it makes, so anyone
 * holding a copy of the database from that day could compute the HMAC of every IPv4 address. With
 * 20 bits each stored value stands for about 4,096 IPv4 addresses (2^32 / 2^20) and a vast number
 * of IPv6 networks, so no row can be linked to one address, not even with the key; and backups
 * leave the day's key and the short-lived counters out altogether (`backup/index.ts`). What it costs:
 * two clients active on the same day share a key with probability 1 in 2^20 per pair (a city's
 * few thousand daily reporters rarely meet one), and then share their limits.
 *
 * The keys live in PostgreSQL so every app server derives the same client key.
 * Behind a proxy, set adapter-node's ADDRESS_HEADER / XFF_DEPTH so `getClientAddress()` is the
 * visitor's address, not the proxy's.
 */
import { createHmac } from 'node:crypto';
import net from 'node:net';
import type { RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import * as users from '../auth/repository';
import type { DB } from '../db/schema';
import * as rateLimits from './repository';

/**
 * The part of an address that names one client: IPv4 as is (also IPv4-mapped IPv6), IPv6 by its
 * /64 network, since one subscriber usually holds a whole /64 and could rotate within it.
 */
export function clientIdentity(address: string): string {
	const trimmed = address.trim().replace(/^\[|\]$/g, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
	if (mapped) return mapped[1];
	if (net.isIPv4(trimmed)) return trimmed;
	const bare = trimmed.split('%')[0];
	if (!net.isIPv6(bare)) return `other:${trimmed}`;
	// Expand "::" to the missing zero groups, then keep the first four groups.
	const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
	const headGroups = head ? head.split(':') : [];
	const tailGroups = tail ? tail.split(':') : [];
	const groupsOf = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
	const groups =
		tail === undefined
			? headGroups
			: [...headGroups, ...Array(8 - groupsOf(headGroups) - groupsOf(tailGroups)).fill('0'), ...tailGroups];
	return `${groups
		.slice(0, 4)
		.map((group) => parseInt(group || '0', 16).toString(16))
		.join(':')}::/64`;
}

const cache = new WeakMap<Kysely<DB>, { day: string; key: Promise<Buffer> }>();

async function loadKey(db: Kysely<DB>, day: string): Promise<Buffer> {
	const key = await rateLimits.keyOfDay(db, day);
	// Forget earlier days: their keys, and the throttling counters made with them.
	await rateLimits.deleteKeysBefore(db, day);
	await users.deleteThrottlesFailedBefore(db, new Date(Date.parse(day)));
	return Buffer.from(key);
}

function keyOfDay(db: Kysely<DB>, now: Date): Promise<Buffer> {
	const day = now.toISOString().slice(0, 10);
	const cached = cache.get(db);
	if (cached?.day === day) return cached.key;
	const key = loadKey(db, day);
	key.catch(() => cache.delete(db));
	cache.set(db, { day, key });
	return key;
}

/** Bits of the HMAC kept: see above. Stored as CLIENT_KEY_BYTES bytes, the unused low bits zero. */
export const CLIENT_KEY_BITS = 20;
export const CLIENT_KEY_BYTES = Math.ceil(CLIENT_KEY_BITS / 8);

/** The client key of an address (CLIENT_KEY_BYTES bytes, CLIENT_KEY_BITS of them used). */
export async function clientKeyOf(db: Kysely<DB>, address: string, now = new Date()): Promise<Uint8Array> {
	const key = await keyOfDay(db, now);
	const digest = createHmac('sha256', key).update(clientIdentity(address)).digest();
	const kept = new Uint8Array(digest.subarray(0, CLIENT_KEY_BYTES));
	kept[CLIENT_KEY_BYTES - 1] &= (0xff << (CLIENT_KEY_BYTES * 8 - CLIENT_KEY_BITS)) & 0xff;
	return kept;
}

/** The client key of the request's sender. */
export function clientKey(event: Pick<RequestEvent, 'getClientAddress' | 'locals'>, now = new Date()) {
	return clientKeyOf(event.locals.db, event.getClientAddress(), now);
}
