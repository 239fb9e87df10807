import { asObject } from './provider-error';

/** A provider's own error code and message, read from a REST error body. */
export interface RestErrorBody {
  readonly code: string;
  readonly message: string;
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/**
 * The error bodies REST providers behind the national and provincial platforms answer with,
 * each written by a different vendor. Tried in order; the first that fits gives the code.
 */
const READERS: ReadonlyArray<(body: Record<string, unknown>) => RestErrorBody | null> = [
  // This project's modelled providers: {"errorCode","errorMessage"}.
  (b) => (typeof b['errorCode'] === 'string' ? { code: b['errorCode'], message: text(b['errorMessage']) } : null),
  // WSO2 API Manager's own faults: {"fault":{"code","message","description"}}.
  (b) => {
    const fault = asObject(b['fault']);
    return fault && fault['code'] !== undefined
      ? { code: text(fault['code']), message: `${text(fault['message'])} ${text(fault['description'])}`.trim() }
      : null;
  },
  // VNPT LGSP services (price database): {"error_code","message"}.
  (b) => (b['error_code'] !== undefined && b['error_code'] !== null ? { code: text(b['error_code']), message: text(b['message']) } : null),
  // Business registration database: {"Status":"0","Message"}.
  (b) =>
    b['Status'] !== undefined && typeof b['Message'] === 'string' ? { code: `Status-${text(b['Status'])}`, message: b['Message'] } : null,
  // Shared catalogues: {"MSG","Count"}; no code of its own.
  (b) => (typeof b['MSG'] === 'string' ? { code: 'MSG', message: b['MSG'] } : null),
];

/** The provider's code and message when the body is one of the known error formats, else null. */
export function readRestErrorBody(body: unknown): RestErrorBody | null {
  const object = asObject(body);
  if (!object) return null;
  for (const read of READERS) {
    const found = read(object);
    if (found) return found;
  }
  return null;
}
