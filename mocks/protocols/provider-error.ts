/** A provider's own refusal, written by each protocol in its own format. */
export class ProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status for protocols that use it (REST JSON, edXML). */
    readonly status: number,
    /** Whose fault it is: SOAP writes `soap:Client` or `soap:Server`. */
    readonly side: 'client' | 'server' = status < 500 ? 'client' : 'server',
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export function notFound(code: string, message: string): ProviderError {
  return new ProviderError(code, message, 404);
}

export function invalidRequest(prefix: string, problems: readonly string[]): ProviderError {
  return new ProviderError(`${prefix}-400`, `Dữ liệu yêu cầu không hợp lệ: ${problems.join('; ')}`, 400);
}

/** What the `error` fault mode answers: the provider's own failure. */
export function providerFailure(prefix: string, providerName: string): ProviderError {
  return new ProviderError(`${prefix}-500`, `${providerName}: lỗi hệ thống, vui lòng thử lại sau`, 500, 'server');
}
