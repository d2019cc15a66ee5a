/**
 * Structured logs: one JSON object per line on stdout/stderr. Never pass secrets, IP
 * addresses or photo metadata in `fields`.
 */
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

function threshold(): number {
	const wanted = process.env.LOG_LEVEL as keyof typeof levels | undefined;
	return levels[wanted && wanted in levels ? wanted : 'info'];
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}) {
	if (levels[level] < threshold()) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
	(level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
	debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
	info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
	warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
	error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields)
};
