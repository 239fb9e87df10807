import { devCallbackKey } from '../../mocks/callbacks/callback-keys';
import { signCallback } from '../../src/callbacks/callback-signature';
import { json, startHarness, type Harness } from './support/mock-harness';

describe('mock provincial systems: callbacks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const sign = (body: object, key: string, at = Date.now() / 1000) => signCallback(JSON.stringify(body), [key], at);
  const post = (consumerId: string, body: object, signature?: string) =>
    h.province.post(`/callbacks/${consumerId}`, JSON.stringify(body), {
      headers: { 'Content-Type': 'application/json', ...(signature ? { 'X-LGSP-Signature': signature } : {}) },
    });

  it("takes a callback signed with the consumer's key (204) and journals it verified, with the path it came to", async () => {
    await h.province.delete('/__mock/callbacks');
    const body = { jobId: 'j-1', outcome: 'completed' };
    const signature = sign(body, devCallbackKey('mot-cua'));
    expect(
      (
        await h.province.post('/callbacks/mot-cua?v=2', JSON.stringify(body), {
          headers: { 'Content-Type': 'application/json', 'X-LGSP-Signature': signature },
        })
      ).status,
    ).toBe(204);
    const view = json<{ total: number; items: unknown[] }>((await h.province.get('/__mock/callbacks')).data);
    expect(view).toEqual({
      total: 1,
      items: [{ consumerId: 'mot-cua', path: '/callbacks/mot-cua?v=2', signature, verified: true, body, receivedAt: expect.any(String) }],
    });
    expect((await h.province.delete('/__mock/callbacks')).status).toBe(204);
    expect(json((await h.province.get('/__mock/callbacks')).data)).toEqual({ total: 0, items: [] });
  });

  it.each([
    ['unsigned', () => undefined, 'missing'],
    ["signed with another consumer's key", () => sign({ jobId: 'j' }, devCallbackKey('qlvb')), 'mismatch'],
    ['signed more than 300 s ago (a replay)', () => sign({ jobId: 'j' }, devCallbackKey('mot-cua'), Date.now() / 1000 - 301), 'stale'],
    ['signed in the old sha256= form', () => 'sha256=abc', 'malformed'],
  ])('refuses a callback %s with 401 and journals it unverified', async (_what, signature, refusal) => {
    await h.province.delete('/__mock/callbacks');
    const res = await post('mot-cua', { jobId: 'j' }, signature());
    expect([res.status, json(res.data)['errorCode']]).toEqual([401, 'INVALID_SIGNATURE']);
    const view = json<{ items: unknown[] }>((await h.province.get('/__mock/callbacks', { params: { consumerId: 'mot-cua' } })).data);
    expect(view.items).toEqual([expect.objectContaining({ consumerId: 'mot-cua', verified: false, refusal, body: { jobId: 'j' } })]);
  });

  it('obeys faults set on the callbacks target and journals only callbacks it took', async () => {
    await h.province.delete('/__mock/callbacks');
    const signed = (jobId: string) => post('mot-cua', { jobId }, sign({ jobId }, devCallbackKey('mot-cua')));
    expect((await h.province.put('/__mock/faults/callbacks', { mode: 'error', status: 500, rate: 0.5 })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signed(`j-${i}`)).status);
    expect(statuses).toEqual([204, 500, 204, 500]);
    await h.province.put('/__mock/faults/callbacks', { mode: 'down' });
    await expect(signed('j-down')).rejects.toThrow();
    await h.province.put('/__mock/faults/callbacks', { mode: 'ok' });
    expect((await signed('j-ok')).status).toBe(204);
    const view = json<{ items: Array<{ body: { jobId: string } }> }>((await h.province.get('/__mock/callbacks')).data);
    expect(view.items.map((i) => i.body.jobId)).toEqual(['j-0', 'j-2', 'j-ok']);
    expect((await h.province.put('/__mock/faults/nope', { mode: 'down' })).status).toBe(404);
  });

  it('internal services need no token', async () => {
    const res = await h.province.post('/baocao/1.0/chiTieuTTHC', {
      KyBaoCao: '2024-Q1',
      MaDonVi: '000.00.00.H06',
      ChiTieu: [{ Ma: 'TL', GiaTri: 53.2 }],
    });
    expect(res.status).toBe(200);
  });
});
