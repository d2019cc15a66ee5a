/**
 * CSV for spreadsheets (RFC 4180), safe to open: a cell starting with `=`, `+`, `-`, `@`, a tab
 * or a carriage return would be run as a formula by Excel, LibreOffice and Google Sheets, so it
 * is prefixed with an apostrophe (OWASP "CSV injection").
 *
 * Spreadsheets split on other characters than the comma too: Excel in Serbian and most EU
 * locales splits on `;`, and a careless import on tabs or `|`. So every piece that would start a
 * cell after a split on any of them is neutralised the same way (`X;=1+1` becomes `X;'=1+1`),
 * and a cell holding any of them is quoted.
 */
const FORMULA_AFTER_SPLIT = /(^|[,;|\t\r\n])( *)(?=[=+\-@\t\r])/g;

export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text = String(value);
	if (typeof value !== 'number') text = text.replace(FORMULA_AFTER_SPLIT, "$1$2'");
	return /[",;|\t\n\r']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
	return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
