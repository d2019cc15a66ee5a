import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import { loadConfig } from '@sveltejs/load-config';

const svelteConfig = (await loadConfig('./', { traverse: false }))?.config;

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'data/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/.data/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			// The app is served from the root (no `paths.base`), so plain hrefs are correct.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		// The schemas are shared with the browser: nothing from the server.
		files: ['src/lib/schemas/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['**/server/**'], message: 'src/lib/schemas is shared with the browser.' }] }
			]
		}
	},
	{
		// The database handle is below every feature: demo data and background jobs start in the init hook.
		files: ['src/lib/server/db/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/seeds/**', '**/stats/**', '**/jobs', '**/jobs.js'],
							message: 'Start it from src/hooks.server.ts or src/lib/server/jobs.ts.'
						}
					]
				}
			]
		}
	}
);
