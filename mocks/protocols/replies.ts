import type { MockReply } from './mock-service';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const XML_TYPE = 'text/xml; charset=utf-8';

export function jsonReply(value: unknown, status = 200): MockReply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

export function xmlReply(body: string, status = 200): MockReply {
  return { status, contentType: XML_TYPE, body };
}

/** The `malformed` fault: status 200, same content type, body cut in half (never parses: the root is left open). */
export function truncateReply(reply: MockReply): MockReply {
  const cut = Math.max(1, Math.floor(reply.body.length / 2));
  return { status: 200, contentType: reply.contentType, body: reply.body.slice(0, cut) };
}
