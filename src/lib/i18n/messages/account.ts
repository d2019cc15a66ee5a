/** Accounts: sign-up, sign-in, sessions, password change, roles, request checks. */
import type { Message } from '../index';

const en = {
	'nav.login': 'Log in',
	'nav.signup': 'Sign up',
	'nav.account': 'Your account',
	'nav.logout': 'Log out',
	'nav.adminUsers': 'Users',

	'account.field.username': 'Username',
	'account.field.usernameHint': '3 to 32 letters ({letters}), digits, dots, dashes or underscores. Not shown publicly.',
	'account.field.password': 'Password',
	'account.field.passwordHint': 'At least 8 characters. A few unrelated words make a good password.',
	'account.field.email': 'E-mail (optional)',
	'account.field.emailHint': 'Not needed to use Nadzor; we do not share it.',
	'account.field.currentPassword': 'Current password',
	'account.field.newPassword': 'New password',
	'account.formErrors': 'Please correct the marked fields.',

	'account.error.usernameRequired': 'Enter a username.',
	'account.error.usernameInvalid': 'Use 3 to 32 letters ({letters}), digits, dots, dashes or underscores.',
	'account.error.usernameReserved': 'This username is reserved. Please choose another one.',
	'account.error.usernameTaken': 'This username is already taken.',
	'account.error.passwordRequired': 'Enter a password.',
	'account.error.passwordTooShort': 'The password must have at least {min} characters.',
	'account.error.passwordTooLong': 'The password can have at most {max} characters.',
	'account.error.passwordCommon':
		'This password is among the most common ones and easy to guess. Please choose another.',
	'account.error.passwordSameAsUsername': 'The password must not be the same as the username.',
	'account.error.emailInvalid': 'Enter a valid e-mail address, or leave the field empty.',
	'account.error.loginFailed': 'The username or the password is wrong.',
	'account.error.throttled': {
		one: 'Too many attempts. Please wait {count} second and try again.',
		other: 'Too many attempts. Please wait {count} seconds and try again.'
	},
	'account.error.currentPasswordWrong': 'The current password is wrong.',

	'signup.title': 'Create an account',
	'signup.intro':
		'You can report cameras without an account. An account lets you follow your reports; it needs only a username and a password.',
	'signup.submit': 'Create account',
	'signup.haveAccount': 'Already have an account?',

	'login.title': 'Log in',
	'login.submit': 'Log in',
	'login.noAccount': 'No account yet?',
	'login.required': 'Please log in to continue.',

	'logout.title': 'Log out',
	'logout.question': 'Log out on this device?',
	'logout.submit': 'Log out',

	'account.title': 'Your account',
	'account.signedInAs': 'Logged in as {username} ({role}).',
	'account.role.contributor': 'contributor',
	'account.role.moderator': 'moderator',
	'account.role.admin': 'administrator',
	'account.password.title': 'Change password',
	'account.password.submit': 'Change password',
	'account.password.changed': 'Your password was changed. You were logged out everywhere else.',
	'account.sessions.title': 'Where you are logged in',
	'account.sessions.current': 'This device',
	'account.sessions.since': 'Logged in on {date}, last used on {date2}',
	'account.sessions.revoke': 'Log out',
	'account.sessions.revokeOthers': 'Log out everywhere else',
	'account.sessions.revoked': 'Logged out.',
	'account.sessions.revokedOthers': {
		one: 'Logged out of {count} other device.',
		other: 'Logged out of {count} other devices.'
	},
	'account.sessions.notFound': 'This session no longer exists.',

	'admin.users.title': 'Users',
	'admin.users.username': 'Username',
	'admin.users.role': 'Role',
	'admin.users.created': 'Signed up',
	'admin.users.change': 'Change role',
	'admin.users.changeRoleOf': 'Role of {username}',
	'admin.users.save': 'Save',
	'admin.users.saved': '{username} is now: {role}.',
	'admin.users.notFound': 'There is no such user.',
	'admin.users.roleInvalid': 'Choose one of the listed roles.',
	'admin.users.ownRole': 'You cannot change your own role; another administrator can.',
	'admin.users.you': '(you)',

	'auth.forbidden': 'You do not have permission for this.',
	'auth.unauthorized': 'Please log in to continue.',
	'csrf.forbidden':
		'This request was refused because it did not come from a page of this site. Reload the page and try again.'
} satisfies Record<string, Message>;

// "Prijava" is a report everywhere in this app; logging in is "ulogovati se", so the two never meet.
const srLatn: Record<keyof typeof en, Message> = {
	'nav.login': 'Ulogujte se',
	'nav.signup': 'Registracija',
	'nav.account': 'Vaš nalog',
	'nav.logout': 'Odjava',
	'nav.adminUsers': 'Korisnici',

	'account.field.username': 'Korisničko ime',
	'account.field.usernameHint':
		'Od 3 do 32 slova ({letters}), cifre, tačke, crtice ili donje crte. Ne prikazuje se javno.',
	'account.field.password': 'Lozinka',
	'account.field.passwordHint': 'Najmanje 8 znakova. Nekoliko nepovezanih reči čini dobru lozinku.',
	'account.field.email': 'E-pošta (nije obavezno)',
	'account.field.emailHint': 'Nije potrebna za korišćenje Nadzora; ne delimo je ni sa kim.',
	'account.field.currentPassword': 'Trenutna lozinka',
	'account.field.newPassword': 'Nova lozinka',
	'account.formErrors': 'Ispravite označena polja.',

	'account.error.usernameRequired': 'Unesite korisničko ime.',
	'account.error.usernameInvalid': 'Koristite od 3 do 32 slova ({letters}), cifre, tačke, crtice ili donje crte.',
	'account.error.usernameReserved': 'Ovo korisničko ime je rezervisano. Izaberite neko drugo.',
	'account.error.usernameTaken': 'Ovo korisničko ime je već zauzeto.',
	'account.error.passwordRequired': 'Unesite lozinku.',
	'account.error.passwordTooShort': 'Lozinka mora imati najmanje {min} znakova.',
	'account.error.passwordTooLong': 'Lozinka može imati najviše {max} znakova.',
	'account.error.passwordCommon': 'Ova lozinka je među najčešćim i lako se pogađa. Izaberite drugu.',
	'account.error.passwordSameAsUsername': 'Lozinka ne sme biti ista kao korisničko ime.',
	'account.error.emailInvalid': 'Unesite ispravnu adresu e-pošte ili ostavite polje prazno.',
	'account.error.loginFailed': 'Korisničko ime ili lozinka nisu tačni.',
	'account.error.throttled': {
		one: 'Previše pokušaja. Sačekajte {count} sekundu pa pokušajte ponovo.',
		few: 'Previše pokušaja. Sačekajte {count} sekunde pa pokušajte ponovo.',
		other: 'Previše pokušaja. Sačekajte {count} sekundi pa pokušajte ponovo.'
	},
	'account.error.currentPasswordWrong': 'Trenutna lozinka nije tačna.',

	'signup.title': 'Napravite nalog',
	'signup.intro':
		'Kamere možete prijaviti i bez naloga. Nalog vam omogućava da pratite svoje prijave; potrebni su samo korisničko ime i lozinka.',
	'signup.submit': 'Napravi nalog',
	'signup.haveAccount': 'Već imate nalog?',

	'login.title': 'Ulogujte se',
	'login.submit': 'Ulogujte se',
	'login.noAccount': 'Još nemate nalog?',
	'login.required': 'Ulogujte se da biste nastavili.',

	'logout.title': 'Odjava',
	'logout.question': 'Odjaviti se na ovom uređaju?',
	'logout.submit': 'Odjavi se',

	'account.title': 'Vaš nalog',
	'account.signedInAs': 'Ulogovani ste kao {username} ({role}).',
	'account.role.contributor': 'saradnik',
	'account.role.moderator': 'moderator',
	'account.role.admin': 'administrator',
	'account.password.title': 'Promena lozinke',
	'account.password.submit': 'Promeni lozinku',
	'account.password.changed': 'Lozinka je promenjena. Odjavljeni ste sa svih drugih uređaja.',
	'account.sessions.title': 'Gde ste ulogovani',
	'account.sessions.current': 'Ovaj uređaj',
	'account.sessions.since': 'Ulogovani {date}, poslednje korišćenje {date2}',
	'account.sessions.revoke': 'Odjavi',
	'account.sessions.revokeOthers': 'Odjavi me sa svih drugih uređaja',
	'account.sessions.revoked': 'Odjavljeno.',
	'account.sessions.revokedOthers': {
		one: 'Odjavljeni ste sa {count} drugog uređaja.',
		few: 'Odjavljeni ste sa {count} druga uređaja.',
		other: 'Odjavljeni ste sa {count} drugih uređaja.'
	},
	'account.sessions.notFound': 'Ova sesija više ne postoji.',

	'admin.users.title': 'Korisnici',
	'admin.users.username': 'Korisničko ime',
	'admin.users.role': 'Uloga',
	'admin.users.created': 'Registrovan',
	'admin.users.change': 'Promena uloge',
	'admin.users.changeRoleOf': 'Uloga korisnika {username}',
	'admin.users.save': 'Sačuvaj',
	'admin.users.saved': '{username} je sada: {role}.',
	'admin.users.notFound': 'Taj korisnik ne postoji.',
	'admin.users.roleInvalid': 'Izaberite jednu od ponuđenih uloga.',
	'admin.users.ownRole': 'Ne možete menjati sopstvenu ulogu; može drugi administrator.',
	'admin.users.you': '(vi)',

	'auth.forbidden': 'Nemate dozvolu za ovo.',
	'auth.unauthorized': 'Ulogujte se da biste nastavili.',
	'csrf.forbidden': 'Zahtev je odbijen jer nije poslat sa stranice ovog sajta. Osvežite stranicu i pokušajte ponovo.'
};

export default { en, 'sr-Latn': srLatn };
