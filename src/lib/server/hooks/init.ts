import { SettingsError, settings } from '../env';
import { closeDatabase, startDatabase } from '../db';
import { log } from '../log';
import { startOutboxWorker, stopOutboxWorker, wakeOutboxWorker } from '../mail/outbox-worker';
import { startInstanceSeal } from '../seal/instance-seal';

/** Seconds adapter-node waits for running requests after SIGTERM/SIGINT, unless set. */
const SHUTDOWN_TIMEOUT_SECONDS = '7';
const STOPPING = Symbol.for('undersigned.server.stop');
const slots = globalThis as { [STOPPING]?: boolean };

/**
 * Runs once before the first request: settings are checked (a bad value stops
 * start-up with a clear message), the database opened and migrated, the outbox
 * worker started (and woken for mail left by a previous run), and in development
 * the demo seeded.
 */
export async function initServer(options: { dev: boolean }): Promise<void> {
	let s;
	try {
		s = settings();
		startInstanceSeal({ dev: options.dev });
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
	wakeOutboxWorker();
	stopCleanly();
	if (!s.smtpUrl) {
		log.info(`mail: no SMTP_URL, so messages are kept in ${s.dataDir}/mail${options.dev ? ' and shown at /dev/mail' : ''}`);
	}
	if (!options.dev && !s.totpEncryptionKey) {
		log.warn('TOTP_ENCRYPTION_KEY is not set: two-factor keys are stored unencrypted in the database.');
	}
	const seed = process.env.SEED_DEMO ?? (options.dev ? 'true' : 'false');
	if (options.dev && seed === 'true') {
		const { seedDemo } = await import('../seed/seed-demo');
		await seedDemo(s.origin ?? 'http://localhost:5173');
	}
}

/**
 * A clean stop under adapter-node: on SIGTERM or SIGINT it stops accepting
 * connections, waits for running requests (SHUTDOWN_TIMEOUT seconds at most), then
 * emits `sveltekit:shutdown` (https://svelte.dev/docs/kit/adapter-node#Graceful-shutdown).
 * Then the outbox worker stops (a message being sent is finished; the ones claimed
 * but not started are handed back) and the database is closed, which leaves no
 * timer or socket behind, so the process exits by itself.
 *
 * Registered whatever `dev` says: only adapter-node emits the event, and builds made
 * with NODE_ENV other than production (the test suite's) report dev = true.
 *
 * The init hook runs while adapter-node's index.js is still importing the handler,
 * before it reads SHUTDOWN_TIMEOUT, so a default set here applies: 7 s for requests
 * keeps the whole stop within 10 s (adapter-node's own default is 30 s).
 */
function stopCleanly() {
	process.env.SHUTDOWN_TIMEOUT ??= SHUTDOWN_TIMEOUT_SECONDS;
	if (slots[STOPPING] !== undefined) return;
	slots[STOPPING] = false;
	(process as NodeJS.EventEmitter).once('sveltekit:shutdown', (reason: unknown) => {
		slots[STOPPING] = true;
		log.info('stopping', { reason: String(reason) });
		stopOutboxWorker()
			.then(() => closeDatabase())
			.then(() => log.info('stopped'))
			.catch((error: unknown) => {
				log.error('clean stop failed', { error: error instanceof Error ? error.name : 'unknown' });
				process.exitCode = 1;
			});
	});
}
