/** Statistics: numbers per area, charts, downloads. */
import type { Message } from '../index';

const en = {
	'nav.stats': 'Statistics',
	'stats.title': 'Cameras in numbers',
	'stats.intro':
		'How many cameras the citizens have mapped in each area, how dense they are, and how the count has grown. Each chart has its numbers in a table and can be downloaded.',
	'stats.noAreas': 'No areas have been imported yet.',
	'stats.downloadCsv': 'All numbers as a spreadsheet (CSV)',
	'stats.downloadJson': 'As JSON',
	'stats.downloadSvg': 'Download as SVG',
	'stats.downloadPng': 'Download as PNG',
	'stats.footer': 'Source: {source} citizen map of surveillance cameras · {date} · licence {licence}',
	'stats.ranking.title': 'Cameras per area',
	'stats.ranking.caption': 'Areas ranked by the number of active cameras',
	'stats.growth.heading': 'Growth over time',
	'stats.growth.title': 'Cameras in {area}, month by month',
	'stats.growth.caption': 'Active cameras at the end of each month with a change',
	'stats.choropleth.title': 'Cameras per square kilometre',
	'stats.choropleth.table': 'The numbers behind the map are in the table “Cameras per area” above.',
	'stats.rank': 'Rank',
	'stats.area': 'Area',
	'stats.cameras': 'Cameras',
	'stats.perKm2': 'Per km²',
	'stats.per10k': 'Per 10,000 residents',
	'stats.face': 'Suspected face recognition',
	'stats.plate': 'Suspected plate reading',
	'stats.removed': 'Removed',
	'stats.biometric': 'Biometric-capable',
	'stats.coverage': 'Area in camera view',
	'stats.coverage.title': 'Share of each area in camera view',
	'stats.coverage.legend': '% of the area',
	'stats.coverage.method':
		'The part of each area that at least one active camera sees, by the assumed field of view of each camera (a cone or a circle of 30–50 m, depending on its kind and direction). “Biometric-capable” counts cameras suspected of face recognition themselves or of a model known to do it.',
	'stats.month': 'Month',
	'stats.show': 'Show',
	'exposure.error.json': 'Send the route as JSON with a "route" list of [longitude, latitude] pairs.',
	'exposure.error.route': 'A route is 2 to {max} points, each [longitude, latitude] with valid degrees.',
	'exposure.error.long': 'The route is longer than {km} km; split it into shorter walks.'
} satisfies Record<string, Message>;

const srLatn: Record<keyof typeof en, Message> = {
	'nav.stats': 'Statistika',
	'stats.title': 'Kamere u brojkama',
	'stats.intro':
		'Koliko su kamera građani mapirali u svakom području, koliko su gusto postavljene i kako je njihov broj rastao. Brojke svakog grafikona su i u tabeli, a grafikon se može preuzeti.',
	'stats.noAreas': 'Još nije uvezeno nijedno područje.',
	'stats.downloadCsv': 'Sve brojke kao tabela (CSV)',
	'stats.downloadJson': 'Kao JSON',
	'stats.downloadSvg': 'Preuzmi kao SVG',
	'stats.downloadPng': 'Preuzmi kao PNG',
	'stats.footer': 'Izvor: {source}, građanska mapa nadzornih kamera · {date} · licenca {licence}',
	'stats.ranking.title': 'Kamere po području',
	'stats.ranking.caption': 'Područja po broju aktivnih kamera',
	'stats.growth.heading': 'Rast kroz vreme',
	'stats.growth.title': 'Kamere u području {area}, mesec po mesec',
	'stats.growth.caption': 'Aktivne kamere na kraju svakog meseca u kome je bilo promena',
	'stats.choropleth.title': 'Kamere po kvadratnom kilometru',
	'stats.choropleth.table': 'Brojke iza mape nalaze se u tabeli „Kamere po području” iznad.',
	'stats.rank': 'Mesto',
	'stats.area': 'Područje',
	'stats.cameras': 'Kamere',
	'stats.perKm2': 'Na km²',
	'stats.per10k': 'Na 10.000 stanovnika',
	'stats.face': 'Moguće prepoznavanje lica',
	'stats.plate': 'Moguće čitanje tablica',
	'stats.removed': 'Uklonjene',
	'stats.biometric': 'Sa biometrijom',
	'stats.coverage': 'Površina pod kamerama',
	'stats.coverage.title': 'Udeo svakog područja pod kamerama',
	'stats.coverage.legend': '% površine',
	'stats.coverage.method':
		'Deo svakog područja koji vidi bar jedna aktivna kamera, po pretpostavljenom vidnom polju svake kamere (isečak ili krug od 30–50 m, prema vrsti i smeru kamere). „Sa biometrijom” broji kamere za koje se sumnja da same prepoznaju lica ili su modela za koji je to poznato.',
	'stats.month': 'Mesec',
	'stats.show': 'Prikaži',
	'exposure.error.json': 'Pošaljite rutu kao JSON sa listom "route" parova [geografska dužina, širina].',
	'exposure.error.route': 'Ruta ima od 2 do {max} tačaka, svaka [geografska dužina, širina] u ispravnim stepenima.',
	'exposure.error.long': 'Ruta je duža od {km} km; podelite je na kraće šetnje.'
};

export default { en, 'sr-Latn': srLatn };
