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

export interface CsvReadOptions {
	/**
	 * Only RFC 4180 as `csv()` writes it (commas, CRLF after every row, quotes around whole cells);
	 * anything else throws. For checking the files we write.
	 */
	strict?: boolean;
}

const count = (text: string, char: string) => text.split(char).length - 1;

/**
 * CSV text as rows of cells. By default leniently, for files people made: comma- or
 * semicolon-separated (whichever the first line has more of), CRLF, LF or CR line ends, blank
 * rows left out.
 */
export function parseCsv(text: string, { strict = false }: CsvReadOptions = {}): string[][] {
	const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = !strict && count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	const endRow = () => {
		row.push(cell);
		rows.push(row);
		row = [];
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (char === '"') {
				quoted = false;
			} else {
				cell += char;
			}
		} else if (char === '"') {
			if (strict && cell !== '') throw new Error(`a quote inside an unquoted cell at ${i}`);
			quoted = true;
		} else if (char === delimiter) {
			row.push(cell);
			cell = '';
		} else if (char === '\r' && text[i + 1] === '\n') {
			endRow();
			i++;
		} else if (char === '\r' || char === '\n') {
			if (strict) throw new Error(`a bare line break outside quotes at ${i}`);
			endRow();
		} else {
			cell += char;
		}
	}
	if (strict) {
		if (quoted || cell !== '' || row.length > 0) throw new Error('the file does not end with CRLF');
		return rows;
	}
	if (cell !== '' || row.length > 0) endRow();
	return rows.filter((cells) => cells.some((value) => value.trim() !== ''));
}
