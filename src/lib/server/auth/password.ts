/**
 * Password hashing and policy. argon2id with OWASP's minimum parameters (19 MiB memory,
 * 2 passes, 1 lane); the PHC string stores the parameters and salt with the hash, so they can be
 * raised later and old hashes still verify (see `needsRehash`).
 *
 * Policy, after NIST SP 800-63B: 8 to 256 characters, anything allowed (no composition rules),
 * refused when it is a common password or the username itself.
 */
import { hash, parseOptions, verify } from '@node-rs/argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../schemas/account';
import { commonPasswords } from './common-passwords';

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

/** `algorithm` is left at the library default, argon2id (the stored hash says `$argon2id$`). */
const HASH_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'sameAsUsername';

const common = new Set(commonPasswords);

/**
 * The same password typed on two devices can arrive in different Unicode forms (é as one code
 * point or as e + accent); NFC makes them one.
 */
function normalize(password: string): string {
	return password.normalize('NFC');
}

/** Length in characters (code points), as a person counts them. */
function length(password: string): number {
	return [...normalize(password)].length;
}

export function checkPasswordPolicy(password: string, username: string): PasswordProblem | null {
	const size = length(password);
	if (size < PASSWORD_MIN_LENGTH) return 'tooShort';
	if (size > PASSWORD_MAX_LENGTH) return 'tooLong';
	const lowered = normalize(password).toLowerCase();
	if (username && lowered === username.toLowerCase()) return 'sameAsUsername';
	if (common.has(lowered)) return 'common';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(normalize(password), HASH_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	// Never hash unbounded input: a megabyte "password" would only cost us time.
	if (password.length > PASSWORD_MAX_LENGTH * 4) return false;
	try {
		return await verify(passwordHash, normalize(password));
	} catch {
		return false;
	}
}

/** True when a stored hash was made with other parameters than today's. */
export function needsRehash(passwordHash: string): boolean {
	const options = parseOptions(passwordHash);
	return (
		!passwordHash.startsWith('$argon2id$') ||
		options.memoryCost !== HASH_OPTIONS.memoryCost ||
		options.timeCost !== HASH_OPTIONS.timeCost ||
		options.parallelism !== HASH_OPTIONS.parallelism
	);
}

/**
 * A valid hash of a random password, verified against when a username does not exist, so a
 * failed login takes as long for an unknown name as for a wrong password.
 */
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
	decoy ??= hashPassword(crypto.randomUUID());
	await verifyPassword(await decoy, password);
	return false;
}
