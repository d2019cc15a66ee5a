/** The moderator account the e2e server is started with (playwright.config.ts creates it). */
export const MODERATOR = { username: 'e2e-moderator', password: 'checking cameras all day long' };
