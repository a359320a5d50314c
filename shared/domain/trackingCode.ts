/**
 * 码上查 tracking codes: printed on the acceptance receipt (受理回执) so a resident can follow the
 * case on a phone. A code names no person and is not derived from anything about one: 16 symbols
 * of a 32-letter alphabet drawn from WebCrypto's random source, 80 bits, printed in four groups of
 * four. The alphabet leaves out 0/O and 1/I, which people misread on paper; lower case and the
 * dashes of the printed groups are accepted when typed back.
 */

/** 32 symbols, so each carries exactly 5 bits and every symbol is equally likely. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const TRACKING_CODE_LENGTH = 16;

/** 16 symbols × 5 bits. */
export const TRACKING_CODE_BITS = 80;

export const trackingCodePattern = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{16}$/;

/** A fresh code from the platform's cryptographic random source (the laptop makes it at 受理). */
export function newTrackingCode(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(TRACKING_CODE_LENGTH));
  // The low 5 bits of a uniform byte are uniform: 256 is a multiple of 32.
  return Array.from(bytes, (byte) => TRACKING_ALPHABET[byte & 31]).join('');
}

/** What a person typed or a link carried, as stored: upper case, no dashes or spaces; null when it cannot be a code. */
export function normalizeTrackingCode(text: string): string | null {
  const plain = text.replace(/[\s-]/g, '').toUpperCase();
  return trackingCodePattern.test(plain) ? plain : null;
}

/** Four groups of four, as printed: `7KQ2-M9XD-4HNP-A3TB`. */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The page a resident opens: `<public base URL>/q/<code>`. */
export function statusCheckAddress(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/q/${code}`;
}
