import { fetchToken, json, NGSP_KEY, NGSP_SECRET, startHarness, type Harness } from './support/mock-harness';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('NGSP tokens (WSO2 style)', () => {
  let h: Harness;
  const call = (token: string | null) =>
    h.ngspRaw.get('/apiCSDLDKDN/1.0/chiTietDoanhNghiep', {
      params: { msdn: '2400123456' },
      ...(token === null ? {} : { headers: { Authorization: `Bearer ${token}` } }),
    });

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(() => h.ngspRaw.put('/__mock/token', { expiresIn: 3600 }));

  it('issues an opaque bearer token for the development consumer', async () => {
    const res = await h.ngspRaw.post('/token', 'grant_type=client_credentials', {
      auth: { username: NGSP_KEY, password: NGSP_SECRET },
      headers: FORM,
    });
    expect(res.status).toBe(200);
    expect(json(res.data)).toEqual({
      access_token: expect.any(String),
      scope: 'am_application_scope default',
      token_type: 'Bearer',
      expires_in: 3600,
    });
  });

  it('refuses bad credentials with 401 invalid_client', async () => {
    const res = await h.ngspRaw.post('/token', 'grant_type=client_credentials', {
      auth: { username: NGSP_KEY, password: 'wrong' },
      headers: FORM,
    });
    expect(res.status).toBe(401);
    expect(json(res.data)).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses another grant type with 400 unsupported_grant_type', async () => {
    const res = await h.ngspRaw.post('/token', 'grant_type=password&username=a', {
      auth: { username: NGSP_KEY, password: NGSP_SECRET },
      headers: FORM,
    });
    expect(res.status).toBe(400);
    expect(json(res.data)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it.each([
    ['missing', null],
    ['unknown', 'not-a-token'],
  ])('a %s token gets the WSO2 401 fault with WWW-Authenticate: Bearer', async (_label, token) => {
    const res = await call(token);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(json(res.data)).toEqual({ fault: { code: 900901, message: 'Invalid Credentials', description: expect.any(String) } });
  });

  it('counts issued tokens, and revoking them all makes the next call 401', async () => {
    const before = json<{ issued: number }>((await h.ngspRaw.get('/__mock/token')).data).issued;
    const token = await fetchToken(h.mocks.ngspUrl);
    expect((await call(token)).status).toBe(200);
    expect(json((await h.ngspRaw.get('/__mock/token')).data)).toMatchObject({ issued: before + 1 });

    expect((await h.ngspRaw.delete('/__mock/tokens')).status).toBe(204);
    expect((await call(token)).status).toBe(401);
    expect(json((await h.ngspRaw.get('/__mock/token')).data)).toMatchObject({ active: 0 });
  });

  it('a token issued after PUT /__mock/token {expiresIn: 1} expires after a second', async () => {
    expect((await h.ngspRaw.put('/__mock/token', { expiresIn: 1 })).status).toBe(200);
    const res = await h.ngspRaw.post('/token', 'grant_type=client_credentials', {
      auth: { username: NGSP_KEY, password: NGSP_SECRET },
      headers: FORM,
    });
    const { access_token: token, expires_in } = json<{ access_token: string; expires_in: number }>(res.data);
    expect(expires_in).toBe(1);
    expect((await call(token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await call(token)).status).toBe(401);
  });

  it('refuses an invalid token lifetime with 400', async () => {
    const res = await h.ngspRaw.put('/__mock/token', { expiresIn: -5 });
    expect(res.status).toBe(400);
    expect(json(res.data)).toMatchObject({ problems: [expect.objectContaining({ path: 'expiresIn' })] });
  });
});
