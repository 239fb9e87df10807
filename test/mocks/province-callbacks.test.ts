import { json, startHarness, type Harness } from './support/mock-harness';

describe('mock provincial systems: callbacks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('journals each callback with its signature and answers 204', async () => {
    await h.province.delete('/__mock/callbacks');
    const res = await h.province.post('/callbacks/mot-cua', { jobId: 'j-1', status: 'completed' }, { headers: { 'X-LGSP-Signature': 'sha256=abc' } });
    expect(res.status).toBe(204);
    await h.province.post('/callbacks/qlvb', { jobId: 'j-2', status: 'failed' });
    const view = json<{ total: number; items: unknown[] }>((await h.province.get('/__mock/callbacks')).data);
    expect(view.total).toBe(2);
    expect(view.items[0]).toEqual({ consumerId: 'mot-cua', signature: 'sha256=abc', body: { jobId: 'j-1', status: 'completed' }, receivedAt: expect.any(String) });
    expect(view.items[1]).toMatchObject({ consumerId: 'qlvb', signature: null });
    expect((await h.province.delete('/__mock/callbacks')).status).toBe(204);
    expect(json((await h.province.get('/__mock/callbacks')).data)).toEqual({ total: 0, items: [] });
  });

  it('obeys faults set on the callbacks target and journals only callbacks it took', async () => {
    await h.province.delete('/__mock/callbacks');
    expect((await h.province.put('/__mock/faults/callbacks', { mode: 'error', status: 500, rate: 0.5 })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.province.post('/callbacks/mot-cua', { jobId: `j-${i}` })).status);
    expect(statuses).toEqual([204, 500, 204, 500]);
    await h.province.put('/__mock/faults/callbacks', { mode: 'down' });
    await expect(h.province.post('/callbacks/mot-cua', { jobId: 'j-down' })).rejects.toThrow();
    await h.province.put('/__mock/faults/callbacks', { mode: 'ok' });
    expect((await h.province.post('/callbacks/mot-cua', { jobId: 'j-ok' })).status).toBe(204);
    const view = json<{ items: Array<{ body: { jobId: string } }> }>((await h.province.get('/__mock/callbacks')).data);
    expect(view.items.map((i) => i.body.jobId)).toEqual(['j-0', 'j-2', 'j-ok']);
    expect((await h.province.put('/__mock/faults/nope', { mode: 'down' })).status).toBe(404);
  });

  it('internal services need no token', async () => {
    const res = await h.province.post('/baocao/1.0/chiTieuTTHC', { KyBaoCao: '2024-Q1', MaDonVi: '000.00.00.H06', ChiTieu: [{ Ma: 'TL', GiaTri: 53.2 }] });
    expect(res.status).toBe(200);
  });
});
