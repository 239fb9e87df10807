import { isGatewayError } from '../../src/errors/gateway-error';
import { parseSafeJson } from '../../src/http/safe-json';

function refusal(text: string, maxDepth = 5): string {
  try {
    parseSafeJson(text, maxDepth);
  } catch (err) {
    return isGatewayError(err) ? `${err.type}: ${err.message}` : String(err);
  }
  return 'accepted';
}

test('plain JSON comes back as parsed, up to the depth limit', () => {
  expect(parseSafeJson('{"a":[{"b":{"c":1}}],"d":"x"}', 4)).toEqual({ a: [{ b: { c: 1 } }], d: 'x' });
  expect(parseSafeJson('"text"', 1)).toBe('text');
  expect(parseSafeJson('[]', 1)).toEqual([]);
});

test('nesting past the limit is refused, in objects and arrays alike', () => {
  expect(refusal('{"a":{"b":{"c":1}}}', 3)).toBe('accepted');
  expect(refusal('{"a":{"b":{"c":{}}}}', 3)).toBe('Client.BadRequest: The request body is nested deeper than 3 levels');
  expect(refusal('[[[[1]]]]', 3)).toBe('Client.BadRequest: The request body is nested deeper than 3 levels');
});

test('prototype keys are refused wherever they are, and nothing is polluted', () => {
  expect(refusal('{"__proto__":{"polluted":true}}')).toBe("Client.BadRequest: The key '__proto__' is not allowed in a request body");
  expect(refusal('{"a":[{"ok":1},{"constructor":{"prototype":{"x":1}}}]}')).toBe(
    "Client.BadRequest: The key 'constructor' is not allowed in a request body",
  );
  expect(refusal('{"a":{"prototype":1}}')).toBe("Client.BadRequest: The key 'prototype' is not allowed in a request body");
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  // A value that merely says "__proto__" is fine.
  expect(parseSafeJson('{"name":"__proto__","list":["constructor"]}', 5)).toEqual({ name: '__proto__', list: ['constructor'] });
});

test('text that is not JSON is refused without echoing it', () => {
  expect(refusal('{"soDinhDanh": ')).toBe('Client.BadRequest: The request body is not valid JSON');
});
