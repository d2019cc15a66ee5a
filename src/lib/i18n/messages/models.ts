/** The catalogue of camera models: the public page and the moderators' editor. */
import type { Message } from '../index';

const en = {
	'nav.models': 'Camera models',
	'models.title': 'Camera models and what they can do',
	'models.intro':
		'Models of surveillance cameras found on the map, with the capabilities documented for them and links to the evidence: data sheets, tenders, articles. A camera of a model that can recognise faces counts as biometric-capable on the map and in the statistics.',
	'models.empty': 'No camera models have been described yet.',
	'models.manufacturer': 'Manufacturer',
	'models.model': 'Model',
	'models.capabilities': 'Capabilities',
	'models.noCapabilities': 'none documented',
	'models.evidence': 'Evidence',
	'models.notes': 'Notes',
	'models.cameras': {
		one: '{count} camera on the map',
		other: '{count} cameras on the map'
	},
	'models.api': 'The catalogue as JSON',
	'models.manage': 'Edit the catalogue',
	'models.manage.title': 'Camera models',
	'models.manage.intro':
		'Add a model only with evidence for what it can do. Changing a model’s capabilities changes every camera of that model on the map and in the statistics at once.',
	'models.new': 'New model',
	'models.edit': 'Edit {name}',
	'models.create': 'Add the model',
	'models.save': 'Save changes',
	'models.created': 'Model {name} added.',
	'models.saved': 'Changes to {name} saved.',
	'models.notFound': 'There is no such camera model.',
	'models.duplicate': 'This manufacturer already has a model with this name.',
	'models.back': 'All models',
	'models.evidenceRow': 'Link {count}',
	'models.evidenceUrl': 'Address (https://…)',
	'models.evidenceTitle': 'Title',
	'models.evidenceHint': 'Up to {count} links; leave a row empty if you do not need it.',
	'models.formProblem': 'Please correct the marked fields.',
	'models.error.required': 'Required.',
	'models.error.tooLong': 'At most {count} characters.',
	'models.error.tooMany': 'At most {count} links.',
	'models.error.invalid': 'This value is not valid.',
	'models.error.url': 'A web address starting with https:// or http://.',
	'models.error.capability': 'Choose from the listed capabilities.',
	'models.error.evidenceNeeded': 'A capability needs at least one link to the evidence.',
	'moderate.model': 'Model (catalogue)',
	'moderate.model.none': 'not known',
	'moderate.error.model': 'There is no such camera model.'
} satisfies Record<string, Message>;

const srLatn: Record<keyof typeof en, Message> = {
	'nav.models': 'Modeli kamera',
	'models.title': 'Modeli kamera i šta mogu',
	'models.intro':
		'Modeli nadzornih kamera pronađenih na mapi, sa sposobnostima koje su za njih dokumentovane i vezama ka dokazima: tehničkim listovima, tenderima, člancima. Kamera modela koji može da prepoznaje lica na mapi i u statistici se računa kao kamera sa biometrijom.',
	'models.empty': 'Još nije opisan nijedan model kamere.',
	'models.manufacturer': 'Proizvođač',
	'models.model': 'Model',
	'models.capabilities': 'Sposobnosti',
	'models.noCapabilities': 'nijedna nije dokumentovana',
	'models.evidence': 'Dokazi',
	'models.notes': 'Napomene',
	'models.cameras': {
		one: '{count} kamera na mapi',
		few: '{count} kamere na mapi',
		other: '{count} kamera na mapi'
	},
	'models.api': 'Katalog kao JSON',
	'models.manage': 'Uredi katalog',
	'models.manage.title': 'Modeli kamera',
	'models.manage.intro':
		'Dodajte model samo uz dokaze o tome šta može. Promena sposobnosti modela odmah menja svaku kameru tog modela na mapi i u statistici.',
	'models.new': 'Novi model',
	'models.edit': 'Izmena: {name}',
	'models.create': 'Dodaj model',
	'models.save': 'Sačuvaj izmene',
	'models.created': 'Model {name} je dodat.',
	'models.saved': 'Izmene modela {name} su sačuvane.',
	'models.notFound': 'Takav model kamere ne postoji.',
	'models.duplicate': 'Ovaj proizvođač već ima model sa tim nazivom.',
	'models.back': 'Svi modeli',
	'models.evidenceRow': 'Veza {count}',
	'models.evidenceUrl': 'Adresa (https://…)',
	'models.evidenceTitle': 'Naslov',
	'models.evidenceHint': 'Najviše {count} veza; red koji vam ne treba ostavite prazan.',
	'models.formProblem': 'Ispravite označena polja.',
	'models.error.required': 'Obavezno.',
	'models.error.tooLong': 'Najviše {count} znakova.',
	'models.error.tooMany': 'Najviše {count} veza.',
	'models.error.invalid': 'Ova vrednost nije ispravna.',
	'models.error.url': 'Veb adresa koja počinje sa https:// ili http://.',
	'models.error.capability': 'Izaberite neku od navedenih sposobnosti.',
	'models.error.evidenceNeeded': 'Za sposobnost je potrebna bar jedna veza ka dokazu.',
	'moderate.model': 'Model (iz kataloga)',
	'moderate.model.none': 'nepoznat',
	'moderate.error.model': 'Takav model kamere ne postoji.'
};

export default { en, 'sr-Latn': srLatn };
