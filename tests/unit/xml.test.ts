import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/lib/xml';

describe('escapeXml', () => {
	it('turns the five markup characters into entities and leaves the rest', () => {
		expect(escapeXml(`<a href="x?b=1&c='2'">Ćao > 😀</a>`)).toBe(
			'&lt;a href=&quot;x?b=1&amp;c=&#39;2&#39;&quot;&gt;Ćao &gt; 😀&lt;/a&gt;'
		);
	});

	it('escapes an entity once, so it reads back as written', () => {
		expect(escapeXml('&amp;')).toBe('&amp;amp;');
	});
});
