import { SettingsError, settings } from '../env';
import { startDatabase } from '../db';
import { log } from '../log';
import { startOutboxWorker } from '../mail/outbox-worker';

/**
 * Runs once before the first request: settings are checked (a bad value stops
 * start-up with a clear message), the database opened and migrated, and in
 * development the demo seeded.
 */
export async function initServer(options: { dev: boolean }): Promise<void> {
	let s;
	try {
		s = settings();
	} catch (error) {
		if (error instanceof SettingsError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	const handle = await startDatabase();
	log.info(`database: ${handle.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${s.dataDir}/pglite`}`);
	startOutboxWorker({ intervalMs: 5_000 });
	if (!s.smtpUrl) {
		log.info(`mail: no SMTP_URL, so messages are kept in ${s.dataDir}/mail${options.dev ? ' and shown at /dev/mail' : ''}`);
	}
	if (!options.dev && !s.origin) log.warn('ORIGIN is not set: links in mails will use the Host header of each request.');
	const seed = process.env.SEED_DEMO ?? (options.dev ? 'true' : 'false');
	if (options.dev && seed === 'true') {
		const { seedDemo } = await import('../seed/seed-demo');
		await seedDemo(s.origin ?? 'http://localhost:5173');
	}
}
