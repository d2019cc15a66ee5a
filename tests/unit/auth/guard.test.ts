import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { hasRole, requirePageRole, requireRole } from '../../../src/lib/server/auth/guard';
import type { Role } from '../../../src/lib/server/db/schema';

const roles: Role[] = ['contributor', 'moderator', 'admin'];
type Who = 'anonymous' | Role;

function locals(who: Who): App.Locals {
	return {
		locale: 'en',
		user: who === 'anonymous' ? null : { id: 1, username: 'someone', role: who },
		session: null
	} as unknown as App.Locals;
}

function outcome(run: () => unknown): string {
	try {
		run();
		return 'allow';
	} catch (thrown) {
		if (isRedirect(thrown)) return `redirect ${thrown.status} ${thrown.location}`;
		if (isHttpError(thrown)) return `error ${thrown.status}`;
		throw thrown;
	}
}

describe('role guard', () => {
	// Rows: who asks; columns: the role required.
	const expected: Record<Who, Record<Role, boolean>> = {
		anonymous: { contributor: false, moderator: false, admin: false },
		contributor: { contributor: true, moderator: false, admin: false },
		moderator: { contributor: true, moderator: true, admin: false },
		admin: { contributor: true, moderator: true, admin: true }
	};

	for (const who of ['anonymous', ...roles] as Who[]) {
		for (const required of roles) {
			const allowed = expected[who][required];
			it(`${who} → requireRole('${required}'): ${allowed ? 'allow' : 'deny'}`, () => {
				expect(hasRole(locals(who).user, required)).toBe(allowed);
				expect(outcome(() => requireRole(locals(who), required))).toBe(
					allowed ? 'allow' : who === 'anonymous' ? 'error 401' : 'error 403'
				);
			});
			it(`${who} → requirePageRole('${required}') on a page`, () => {
				const event = { locals: locals(who), url: new URL('http://localhost/admin/users?tab=2') };
				expect(outcome(() => requirePageRole(event, required))).toBe(
					allowed
						? 'allow'
						: who === 'anonymous'
							? `redirect 303 /login?redirectTo=${encodeURIComponent('/admin/users?tab=2')}`
							: 'error 403'
				);
			});
		}
	}

	it('answers in the reader language', () => {
		try {
			requireRole({ ...locals('contributor'), locale: 'sr-Latn' }, 'admin');
		} catch (thrown) {
			expect(isHttpError(thrown) && thrown.body.message).toBe('Nemate dozvolu za ovo.');
			return;
		}
		expect.unreachable('requireRole should have thrown');
	});
});
