/**
 * Account forms: sign-up, log-in, password change. One schema per input, used by the form
 * actions (and by any future JSON endpoint). Problems are message keys with parameters, put into
 * the reader's language by `fieldErrors` (`./form`).
 */
import { z } from 'zod';
import type { MessageKey, Params } from '../i18n';
import { keyedWording, recordId } from './form';

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,32}$/;
export const USERNAME_LETTERS = 'a–z';
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Names that would let an account pass for the project or its staff. */
const RESERVED_USERNAMES = new Set([
	'admin',
	'administrator',
	'moderator',
	'mod',
	'nadzor',
	'root',
	'staff',
	'support',
	'system',
	'anonymous',
	'anonimni'
]);

/** Parameters of the messages below; they are the same for every occurrence. */
const MESSAGE_PARAMS: Partial<Record<MessageKey, Params>> = {
	'account.error.usernameInvalid': { letters: USERNAME_LETTERS },
	'account.error.passwordTooShort': { min: PASSWORD_MIN_LENGTH },
	'account.error.passwordTooLong': { max: PASSWORD_MAX_LENGTH }
};

/** A zod error option whose message is a message key. */
const says = (key: MessageKey) => ({ error: () => ({ message: key }) });

const username = z
	.string(says('account.error.usernameRequired'))
	.trim()
	.min(1, says('account.error.usernameRequired'))
	.regex(USERNAME_PATTERN, says('account.error.usernameInvalid'))
	.refine((value) => !RESERVED_USERNAMES.has(value.toLowerCase()), says('account.error.usernameReserved'));

/** Any non-empty string: the policy is checked on the server because it needs the username. */
const password = z.string(says('account.error.passwordRequired')).min(1, says('account.error.passwordRequired'));

const email = z
	.string()
	.trim()
	.max(254, says('account.error.emailInvalid'))
	.optional()
	.transform((value) => value || undefined)
	.pipe(z.email(says('account.error.emailInvalid')).optional());

export const signupSchema = z.object({ username, password, email });
export const loginSchema = z.object({
	username: z
		.string(says('account.error.usernameRequired'))
		.trim()
		.min(1, says('account.error.usernameRequired'))
		.max(100, says('account.error.loginFailed')),
	password
});
export const passwordChangeSchema = z.object({ currentPassword: password, newPassword: password });

/** One of the reader's own sessions, by id (whether it is theirs is the server's to check). */
export const sessionChoiceSchema = z.object({
	session: z.string('account.sessions.notFound').min(1, 'account.sessions.notFound')
});

/** The roles an account can have, lowest first. */
export const roles = ['contributor', 'moderator', 'admin'] as const;

/** An administrator's change of a user's role. */
export const roleChangeSchema = z.object({
	user: recordId('admin.users.notFound'),
	role: z.enum(roles, 'admin.users.roleInvalid')
});

export type SignupInput = z.output<typeof signupSchema>;

/** Problems are message keys; the policy's messages carry their limits. */
export const accountWording = keyedWording({ paramsOf: (key) => MESSAGE_PARAMS[key] });
