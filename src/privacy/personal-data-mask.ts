/**
 * Masks the personal data of one call wherever the gateway repeats text it did not write: a
 * provider's fault that quotes the citizen it could not find, a mapping error, a parser's
 * complaint. The values to hide are the call's own: every value under a field its operation
 * declares in `personalFields`, at any depth. An identifier or a phone number keeps its last
 * three digits, so an operator can still tell two failing citizens apart; anything else (a
 * name, a date, an address) becomes `PERSONAL_MASK`. See docs/decisions/0015.
 */
export const PERSONAL_MASK = '[personal]';

/** Digits shown at the end of a masked identifier: enough to tell records apart, too few to find the person. */
const KEPT_DIGITS = 3;
/** Shorter values ("Nam", "An") would mask ordinary words of the text; they are left as they are. */
const MIN_SEARCHED_LENGTH = 4;
/** Digits, written with the separators phone numbers and ids use: an identifier. */
const IDENTIFIER = /^\+?\d[\d .-]*\d$/;
/** A date written with separators is not an identifier, whatever its digits. */
const DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
/** A personal field holding a deeper structure than this is not walked further. */
const MAX_DEPTH = 8;
/** An error's chain of causes is followed this far. */
const MAX_CAUSES = 5;

/** The mask of one personal value: `*********234` for an id or phone number, `PERSONAL_MASK` for the rest. */
export function maskPersonalValue(value: string): string {
  const digits = value.replace(/\D/g, '').length;
  if (!IDENTIFIER.test(value) || DATE.test(value) || digits < 6) return PERSONAL_MASK;
  let toHide = digits - KEPT_DIGITS;
  return value.replace(/\d/g, (d) => (toHide-- > 0 ? '*' : d));
}

export class PersonalDataMask {
  /** Masks nothing: an operation that declares no personal fields. */
  static readonly none = new PersonalDataMask([]);

  private readonly pattern: RegExp | null;
  private readonly masks: Map<string, string>;

  private constructor(values: readonly string[]) {
    // Longest first, so a full name is masked whole before a part of it could match.
    const unique = [...new Set(values.map((v) => v.normalize('NFC').trim()).filter((v) => v.length >= MIN_SEARCHED_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
    this.masks = new Map(unique.map((v) => [v.toLocaleLowerCase('vi'), maskPersonalValue(v)]));
    this.pattern = unique.length ? new RegExp(unique.map(escapeRegExp).join('|'), 'giu') : null;
  }

  /** The values under `fields` in a call's input (raw or validated); a field may hold an object or a list. */
  static of(input: unknown, fields: readonly string[] | undefined): PersonalDataMask {
    if (!fields?.length) return PersonalDataMask.none;
    const values: string[] = [];
    collect(input, new Set(fields), false, 0, values);
    return values.length ? new PersonalDataMask(values) : PersonalDataMask.none;
  }

  /** `text` with every personal value of the call masked; matched without regard to case. */
  text(text: string): string {
    if (!this.pattern) return text;
    return text.normalize('NFC').replace(this.pattern, (found) => this.masks.get(found.toLocaleLowerCase('vi')) ?? PERSONAL_MASK);
  }

  /**
   * Masks, in place, the message and stack of `err` and of each error in its `cause` chain,
   * so the error can be thrown on, stored by the queue and logged with its stack.
   */
  error<E>(err: E): E {
    if (!this.pattern) return err;
    let current: unknown = err;
    for (let i = 0; i <= MAX_CAUSES && current instanceof Error; i++) {
      current.message = this.text(current.message);
      if (typeof current.stack === 'string') current.stack = this.text(current.stack);
      current = current.cause;
    }
    return err;
  }
}

function collect(value: unknown, fields: ReadonlySet<string>, personal: boolean, depth: number, into: string[]): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    if (personal) into.push(String(value));
    return;
  }
  if (typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, fields, personal, depth + 1, into);
    return;
  }
  for (const [key, inner] of Object.entries(value)) collect(inner, fields, personal || fields.has(key), depth + 1, into);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
