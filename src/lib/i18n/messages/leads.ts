/**
 * OpenStreetMap leads: the moderators' queue and the map's leads layer. "OpenStreetMap" and the
 * command stay in Latin script: pass `leadTerms` with every message of this file.
 */
import type { Message } from '../index';

export const leadTerms = { osm: 'OpenStreetMap', command: 'npm run osm:import' };

const en = {
	'leads.title': 'Leads from {osm}',
	'leads.intro':
		'Cameras already mapped in {osm}, imported with {command}. They are not on the map as cameras until a moderator checks them: confirm one to make it a verified camera (credited to {osm}), reject it, or merge it with a camera we already know.',
	'leads.count': { one: '{count} open lead', other: '{count} open leads' },
	'leads.link': 'Leads from {osm}: {count} open',
	'leads.empty': 'No open leads.',
	'leads.item': '{osm} {ref}',
	'leads.place': 'Place',
	'leads.tags': 'Tags in {osm}',
	'leads.mapped': 'As our attributes',
	'leads.nearby': 'Known cameras within 25 m',
	'leads.nearbyNone': 'No known camera within 25 m.',
	'leads.nearbyItem': 'Camera {id}, {metres} m away',
	'leads.confirm': 'Confirm: add as a camera',
	'leads.reject': 'Reject',
	'leads.reason': 'Reason (optional)',
	'leads.merge': 'Merge with camera',
	'leads.mergeCamera': 'Camera number',
	'leads.confirmed': 'Confirmed: {osm} {ref} is now camera {id}.',
	'leads.rejected': 'Rejected {osm} {ref}.',
	'leads.merged': 'Merged {osm} {ref} with camera {id}.',
	'leads.decided': 'Someone has already decided on this lead ({status}).',
	'leads.unknownCamera': 'There is no camera with this number.',
	'leads.notFound': 'There is no such lead.',
	'leads.status.open': 'open',
	'leads.status.confirmed': 'confirmed',
	'leads.status.rejected': 'rejected',
	'leads.status.merged': 'merged',
	'map.leads.legend': 'Leads',
	'map.leads': 'Leads from {osm} (not yet checked)',
	'map.leads.note': 'Hollow purple rings: cameras in {osm} that a moderator has not checked yet.'
} satisfies Record<string, Message>;

const srLatn: Record<keyof typeof en, Message> = {
	'leads.title': 'Tragovi iz baze {osm}',
	'leads.intro':
		'Kamere koje su već ucrtane u bazu {osm}, uvezene komandom {command}. Nisu na mapi kao kamere dok ih moderator ne proveri: potvrdite trag da postane proverena kamera (uz navođenje baze {osm}), odbijte ga ili ga spojite sa kamerom koju već znamo.',
	'leads.count': { one: '{count} otvoren trag', few: '{count} otvorena traga', other: '{count} otvorenih tragova' },
	'leads.link': 'Tragovi iz baze {osm}: {count} otvorenih',
	'leads.empty': 'Nema otvorenih tragova.',
	'leads.item': '{osm} {ref}',
	'leads.place': 'Mesto',
	'leads.tags': 'Oznake u bazi {osm}',
	'leads.mapped': 'Kao naši atributi',
	'leads.nearby': 'Poznate kamere u krugu od 25 m',
	'leads.nearbyNone': 'Nema poznate kamere u krugu od 25 m.',
	'leads.nearbyItem': 'Kamera {id}, udaljena {metres} m',
	'leads.confirm': 'Potvrdi: dodaj kao kameru',
	'leads.reject': 'Odbij',
	'leads.reason': 'Razlog (nije obavezno)',
	'leads.merge': 'Spoji sa kamerom',
	'leads.mergeCamera': 'Broj kamere',
	'leads.confirmed': 'Potvrđeno: {osm} {ref} je sada kamera {id}.',
	'leads.rejected': 'Odbijen {osm} {ref}.',
	'leads.merged': '{osm} {ref} je spojen sa kamerom {id}.',
	'leads.decided': 'Neko je već odlučio o ovom tragu ({status}).',
	'leads.unknownCamera': 'Nema kamere sa ovim brojem.',
	'leads.notFound': 'Taj trag ne postoji.',
	'leads.status.open': 'otvoren',
	'leads.status.confirmed': 'potvrđen',
	'leads.status.rejected': 'odbijen',
	'leads.status.merged': 'spojen',
	'map.leads.legend': 'Tragovi',
	'map.leads': 'Tragovi iz baze {osm} (još neprovereni)',
	'map.leads.note': 'Šuplji ljubičasti krugovi: kamere u bazi {osm} koje moderator još nije proverio.'
};

export default { en, 'sr-Latn': srLatn };
