import { signatures } from '../db/schema';
import { m } from '$lib/paraglide/messages.js';

export type Signature = typeof signatures.$inferSelect;

/** Called when the refusal is made, so it reads in the language of the request. */
export const alreadySigned = () => m.pub_already_signed();
