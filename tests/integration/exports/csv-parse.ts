/** A strict RFC 4180 reader for tests: quoted cells, doubled quotes, CRLF rows. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') {
			if (cell !== '') throw new Error(`a quote inside an unquoted cell at ${i}`);
			quoted = true;
		} else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else if (c === '\r' || c === '\n') {
			throw new Error(`a bare line break outside quotes at ${i}`);
		} else cell += c;
	}
	if (quoted || cell !== '' || row.length > 0) throw new Error('the file does not end with CRLF');
	return rows;
}
