import { signatures } from '../db/schema';

export type Signature = typeof signatures.$inferSelect;

export const ALREADY_SIGNED = 'This organisation has already signed this letter.';
