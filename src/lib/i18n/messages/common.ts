/** Words used across the whole app: navigation, languages, generic errors. */
import type { Message } from '../index';

const en = {
	'app.name': 'Nadzor',
	'app.tagline': 'A citizen map of surveillance cameras',
	'nav.map': 'Map',
	'nav.report': 'Report a camera',
	'nav.myReports': 'My reports',
	'nav.language': 'Language',
	'nav.main': 'Main',
	'nav.skip': 'Skip to content',
	'nav.menu': 'Menu',
	'demo.banner': 'Demo data: these cameras are generated examples, not real reports.',
	'error.generic': 'Something went wrong on our side. Please try again in a moment.',
	'error.notFound': 'We could not find this page.',
	'error.unavailable': 'The service is briefly unavailable. Please try again in a few seconds.',
	'error.formType': 'This form must be sent as a web form (form data). Please use the page to send it.',
	'cameras.count': { one: '{count} camera', other: '{count} cameras' },
	'footer.source': 'Source code',
	'footer.licence': 'Free software under the {licence}'
} satisfies Record<string, Message>;

const srLatn: Record<keyof typeof en, Message> = {
	'app.name': 'Nadzor',
	'app.tagline': 'Građanska mapa nadzornih kamera',
	'nav.map': 'Mapa',
	'nav.report': 'Prijavi kameru',
	'nav.myReports': 'Moje prijave',
	'nav.language': 'Jezik',
	'nav.main': 'Glavni meni',
	'nav.skip': 'Preskoči na sadržaj',
	'nav.menu': 'Meni',
	'demo.banner': 'Demo podaci: ove kamere su generisani primeri, a ne stvarne prijave.',
	'error.generic': 'Nešto je pošlo naopako kod nas. Pokušajte ponovo za trenutak.',
	'error.notFound': 'Ova stranica ne postoji.',
	'error.unavailable': 'Usluga je na trenutak nedostupna. Pokušajte ponovo za nekoliko sekundi.',
	'error.formType': 'Ovaj obrazac mora da se pošalje kao veb-obrazac (podaci obrasca). Pošaljite ga sa stranice.',
	'cameras.count': { one: '{count} kamera', few: '{count} kamere', other: '{count} kamera' },
	'footer.source': 'Izvorni kod',
	'footer.licence': 'Slobodan softver pod licencom {licence}'
};

export default { en, 'sr-Latn': srLatn };
