import { eq } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { users } from '../db/schema';

export type User = typeof users.$inferSelect;

export async function findUserByEmail(email: string, executor: Executor = db()): Promise<User | undefined> {
	const [user] = await executor.select().from(users).where(eq(users.email, email.toLowerCase()));
	return user;
}

export async function findUserById(id: string, executor: Executor = db()): Promise<User | undefined> {
	const [user] = await executor.select().from(users).where(eq(users.id, id));
	return user;
}
