/** The accounts the e2e server is started with (playwright.config.ts creates them). */
export const MODERATOR = { username: 'e2e-moderator', password: 'checking cameras all day long' };
export const ADMIN = { username: 'e2e-admin', password: 'keeping the numbers honest' };
