import { Journal } from '../../mocks/control/journal';

describe('Journal', () => {
  it('keeps only the newest items in memory while total counts every one', () => {
    const journal = new Journal(3);
    for (let i = 0; i < 5; i++) {
      journal.record({
        serviceId: 'vneid',
        operationId: 'xac-thuc-tai-khoan',
        requestId: `r${i}`,
        idempotencyKey: null,
        receivedAt: '2024-03-15T00:00:00Z',
      });
    }
    const view = journal.view();
    expect(view.total).toBe(5);
    expect(view.items.map((i) => i.requestId)).toEqual(['r2', 'r3', 'r4']);
    expect(journal.view('vneid', 1).items.map((i) => i.requestId)).toEqual(['r4']);
  });
});
