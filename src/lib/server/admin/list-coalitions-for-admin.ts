import { desc, sql } from 'drizzle-orm';
import { db } from '../db';
import { coalitions } from '../db/schema';
import { limitReasons } from '../coalitions/sending-limits';

/** Every coalition with its age, size, sending in the last 24 hours and whether its sending is limited (AV6). */
export async function listCoalitionsForAdmin(now = new Date()) {
	// A raw SQL parameter goes as text: postgres.js, as Drizzle sets it up, does not serialise a Date.
	const rows = await db()
		.select({
			id: coalitions.id,
			name: coalitions.name,
			createdAt: coalitions.createdAt,
			liftedAt: coalitions.sendingLimitsLiftedAt,
			organisations: sql<number>`(select count(*)::int from coalition_members cm where cm.coalition_id = "coalitions"."id")`,
			messagesLast24h: sql<number>`(select count(*)::int from outbox_messages o join letters l on l.id = o.letter_id
				where l.coalition_id = "coalitions"."id" and o.kind = 'distribution' and o.created_at > ${new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString()}::timestamptz)`
		})
		.from(coalitions)
		.orderBy(desc(coalitions.createdAt))
		.limit(500);
	return rows.map((row) => {
		const reasons = limitReasons({ createdAt: row.createdAt, organisations: row.organisations }, now);
		return { ...row, reasons, limited: !row.liftedAt && reasons.length > 0 };
	});
}
