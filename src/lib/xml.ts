/**
 * Text for XML and HTML (element content and double- or single-quoted attribute values): the
 * five characters that could end or open markup become entities. `&#39;` rather than `&apos;`,
 * which HTML 4 lacked.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}
