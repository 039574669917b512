/*
 * Signatory ordering lives in signatory-lists/. src/lib/server/pdf/ still imports
 * signatoryLine from here and is owned by another branch during the pdf split;
 * delete this file when that import is updated.
 */
export { signatoryLine } from '../signatory-lists/order-signatories';
