/**
 * A background loop of one app server (the tile data version, the coverage refresh): `work` every
 * `intervalMs`, one run at a time (a tick due while the last run is still going is skipped), on a
 * timer that does not keep the process alive. A failure is logged once, when it starts, and once
 * when the work succeeds again, not every tick. Started and stopped by jobs.ts.
 */
import { log } from './log';

export interface PollWords {
	/** Logged as a warning, with the error's message, when the work starts failing. */
	failed: string;
	/** Logged when it works again. */
	recovered: string;
}

export class PollLoop {
	private timer: ReturnType<typeof setInterval> | undefined;
	private running = false;
	private failing = false;

	constructor(
		private readonly intervalMs: number,
		private readonly work: () => Promise<void>,
		private readonly words: PollWords
	) {}

	start(): void {
		if (this.timer) return;
		this.timer = setInterval(() => void this.tick(), this.intervalMs);
		this.timer.unref?.();
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}

	private async tick(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			await this.work();
			if (this.failing) log.info(this.words.recovered);
			this.failing = false;
		} catch (error) {
			if (!this.failing) log.warn(this.words.failed, { error: (error as Error).message });
			this.failing = true;
		} finally {
			this.running = false;
		}
	}
}
