/** Areas: the official claim per area ("officially admitted") and its admin form. */
import type { Message } from '../index';

const en = {
	'claim.mappedVsAdmitted': 'mapped by citizens: {mapped} · officially admitted: {admitted}',
	'claim.mapped': 'mapped by citizens: {mapped}',
	'claim.admittedBy': 'Officially admitted: {admitted}, according to {source} ({date}).',
	'claim.link': 'the statement',
	'claim.none': 'No official number is known for this area.',
	'claim.column': 'Officially admitted',
	'claim.title': 'Official number of cameras',
	'claim.intro':
		'The number of cameras an authority says it operates in an area, with who said it, when, and where. It is shown beside the number citizens mapped, on the statistics, the widgets and the area’s page. Every change is in the audit log.',
	'claim.area': 'Area',
	'claim.cameras': 'Cameras the authority says it operates',
	'claim.source': 'Source (who said it, and where)',
	'claim.statedOn': 'Date of the statement',
	'claim.url': 'Link to the statement (optional)',
	'claim.submit': 'Save the official number',
	'claim.remove': 'Remove',
	'claim.saved': 'Saved the official number for {area}.',
	'claim.removed': 'Removed the official number for {area}.',
	'claim.fix': 'The official number was not saved: fix the fields marked below.',
	'claim.error.number': 'Enter the number of cameras as a whole number, such as 120.',
	'claim.error.negative': 'The number of cameras cannot be negative.',
	'claim.error.source': 'Say who made the claim and where (e.g. “Ministry of the Interior, answer of 3 March”).',
	'claim.error.tooLong': 'At most {count} characters.',
	'claim.error.date': 'Enter the date of the statement as a date, such as 2021-02-15.',
	'claim.error.future': 'The date of the statement cannot be in the future.',
	'claim.error.url': 'Enter a web address starting with {scheme}, or leave it empty.',
	'claim.error.invalid': 'This value is not valid.',
	'claim.error.area': 'Choose one of the areas.'
} satisfies Record<string, Message>;

const srLatn: Record<keyof typeof en, Message> = {
	'claim.mappedVsAdmitted': 'mapirali građani: {mapped} · zvanično priznato: {admitted}',
	'claim.mapped': 'mapirali građani: {mapped}',
	'claim.admittedBy': 'Zvanično priznato: {admitted}, prema izvoru {source} ({date}).',
	'claim.link': 'izjava',
	'claim.none': 'Za ovo područje nije poznat zvaničan broj.',
	'claim.column': 'Zvanično priznato',
	'claim.title': 'Zvaničan broj kamera',
	'claim.intro':
		'Broj kamera za koje vlast kaže da ih koristi na području, sa tim ko je to rekao, kada i gde. Prikazuje se pored broja koji su mapirali građani, u statistici, vidžetima i na stranici područja. Svaka promena je u dnevniku izmena.',
	'claim.area': 'Područje',
	'claim.cameras': 'Broj kamera za koje vlast kaže da ih koristi',
	'claim.source': 'Izvor (ko je rekao i gde)',
	'claim.statedOn': 'Datum izjave',
	'claim.url': 'Veza do izjave (nije obavezno)',
	'claim.submit': 'Sačuvaj zvaničan broj',
	'claim.remove': 'Ukloni',
	'claim.saved': 'Zvaničan broj za područje {area} je sačuvan.',
	'claim.removed': 'Zvaničan broj za područje {area} je uklonjen.',
	'claim.fix': 'Zvaničan broj nije sačuvan: ispravite označena polja.',
	'claim.error.number': 'Unesite broj kamera kao ceo broj, na primer 120.',
	'claim.error.negative': 'Broj kamera ne može biti negativan.',
	'claim.error.source': 'Navedite ko je izneo tvrdnju i gde (npr. „MUP, odgovor od 3. marta”).',
	'claim.error.tooLong': 'Najviše {count} znakova.',
	'claim.error.date': 'Unesite datum izjave kao datum, na primer 2021-02-15.',
	'claim.error.future': 'Datum izjave ne može biti u budućnosti.',
	'claim.error.url': 'Unesite veb adresu koja počinje sa {scheme}, ili ostavite prazno.',
	'claim.error.invalid': 'Ova vrednost nije ispravna.',
	'claim.error.area': 'Izaberite jedno od područja.'
};

export default { en, 'sr-Latn': srLatn };
