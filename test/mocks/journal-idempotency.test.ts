import { json, startHarness, type Harness } from './support/mock-harness';

interface JournalView {
  total: number;
  duplicates: number;
  items: Array<{ serviceId: string; operationId: string; requestId: string | null; idempotencyKey: string | null; receivedAt: string }>;
}

describe('journal and idempotency', () => {
  let h: Harness;
  const journal = async (serviceId?: string): Promise<JournalView> =>
    json<JournalView>((await h.ngspRaw.get('/__mock/journal', { params: serviceId ? { serviceId } : {} })).data);
  const sendEvent = (key: string | null, requestId: string) =>
    h.ngsp.post(
      '/TrackingMCDT',
      {
        CodeProfile: 'H06.22-240315-0001',
        SiteId: 24,
        CodeTTHC: '1.001612',
        NameTTHC: '',
        MaHoSo: 'H06.22-240315-0001',
        Status: '2',
        FormsReception: '1',
        FormsPayments: '0',
        Level: '3',
        IsFromDVCQG: '0',
        IsDVCBC: '0',
        Data: null,
        User: JSON.stringify({ ID_local: '', ID_QG: '', TYPE: '2', LOCATION: '24' }),
      },
      { headers: { 'X-Request-Id': requestId, ...(key === null ? {} : { 'Idempotency-Key': key }) } },
    );

  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  it('records what the provider received, newest last, with request id and idempotency key', async () => {
    await sendEvent(null, 'req-1');
    await sendEvent('key-2', 'req-2');
    await h.ngsp.post(
      '/vneid/1.0/xacThucTaiKhoan',
      { SoDinhDanh: '024090001234', SoDienThoai: '0912345678' },
      { headers: { 'X-Request-Id': 'req-3' } },
    );
    const all = await journal();
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.requestId)).toEqual(['req-1', 'req-2', 'req-3']);
    expect(all.items[1]).toEqual({
      serviceId: 'emc-giam-sat',
      operationId: 'ghi-nhan-su-kien',
      requestId: 'req-2',
      idempotencyKey: 'key-2',
      receivedAt: expect.any(String),
    });
    const emc = await journal('emc-giam-sat');
    expect(emc.total).toBe(2);
    expect(emc.items.every((i) => i.serviceId === 'emc-giam-sat')).toBe(true);
  });

  it('a repeated Idempotency-Key gets the stored answer, is not journaled again and counts as a duplicate', async () => {
    const first = await sendEvent('same-key', 'req-a');
    const second = await sendEvent('same-key', 'req-b');
    expect(second.status).toBe(200);
    expect(second.data).toBe(first.data);
    const view = await journal('emc-giam-sat');
    expect(view).toMatchObject({ total: 1, duplicates: 1 });
    expect(view.items).toHaveLength(1);
  });

  it('concurrent repeats of one key run the work once', async () => {
    await h.ngspRaw.put('/__mock/faults/emc-giam-sat', { mode: 'slow', latencyMs: 100 });
    const answers = await Promise.all([sendEvent('k-concurrent', 'r1'), sendEvent('k-concurrent', 'r2'), sendEvent('k-concurrent', 'r3')]);
    expect(new Set(answers.map((a) => a.data)).size).toBe(1);
    expect(await journal('emc-giam-sat')).toMatchObject({ total: 1, duplicates: 2 });
  });

  it('the same key on another service is a different request', async () => {
    await sendEvent('shared-key', 'r1');
    await h.ngsp.post(
      '/vneid/1.0/xacThucTaiKhoan',
      { SoDinhDanh: '024090001234', SoDienThoai: '0912345678' },
      { headers: { 'Idempotency-Key': 'shared-key' } },
    );
    expect(await journal()).toMatchObject({ total: 2, duplicates: 0 });
  });

  it('DELETE /__mock/journal clears the journal and the idempotency store', async () => {
    const first = await sendEvent('key-x', 'r1');
    expect((await h.ngspRaw.delete('/__mock/journal')).status).toBe(204);
    expect(await journal()).toEqual({ total: 0, duplicates: 0, items: [] });
    const again = await sendEvent('key-x', 'r2');
    expect(again.data).not.toBe(first.data);
    expect(await journal()).toMatchObject({ total: 1, duplicates: 0 });
  });

  it('an unknown serviceId filter is 404', async () => {
    expect((await h.ngspRaw.get('/__mock/journal', { params: { serviceId: 'nope' } })).status).toBe(404);
  });
});
