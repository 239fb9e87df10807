import { GatewayError } from '../../src/errors/gateway-error';
import { maskPersonalValue, PERSONAL_MASK, PersonalDataMask } from '../../src/privacy/personal-data-mask';

describe('maskPersonalValue', () => {
  test('an identifier or phone number keeps its last three digits and its separators', () => {
    expect(maskPersonalValue('024090001234')).toBe('*********234');
    expect(maskPersonalValue('0912 345 678')).toBe('**** *** 678');
    expect(maskPersonalValue('+84912345678')).toBe('+********678');
  });

  test('a name, a date, an address or a short number becomes the fixed mask', () => {
    for (const value of ['Nguyễn Văn An', '1990-05-12', '12/05/1990', 'Số 1 Lê Lợi', '1990', 'an@example.vn'])
      expect(maskPersonalValue(value)).toBe(PERSONAL_MASK);
  });
});

describe('PersonalDataMask', () => {
  const input = {
    hoSo: { maHoSo: 'H12-0001', chuHoSo: { hoTen: 'Trần Thị Bình', soDinhDanh: '001190012345' } },
    nguoiNop: 'Lê Văn Cường',
    soTien: 150000,
    dsNguoi: [{ soDienThoai: '0987654321' }],
  };
  const mask = PersonalDataMask.of(input, ['chuHoSo', 'nguoiNop', 'soDienThoai']);

  test('masks every value under a personal field at any depth, and nothing else', () => {
    const text = 'chu ho so Trần Thị Bình (001190012345), nguoi nop Lê Văn Cường, SĐT 0987654321, ho so H12-0001, so tien 150000';
    expect(mask.text(text)).toBe(
      `chu ho so ${PERSONAL_MASK} (*********345), nguoi nop ${PERSONAL_MASK}, SĐT *******321, ho so H12-0001, so tien 150000`,
    );
  });

  test('matches a value whatever its case', () => {
    expect(mask.text('KHONG TIM THAY TRẦN THỊ BÌNH')).toBe(`KHONG TIM THAY ${PERSONAL_MASK}`);
  });

  test('masks the message and stack of an error and of its causes, in place', () => {
    const cause = new Error('Unexpected token in "0987654321 ..."');
    const err = new GatewayError('Server.Provider.BadResponse', 'Khong tim thay 001190012345', { cause });
    expect(mask.error(err)).toBe(err);
    expect(err.message).toBe('Khong tim thay *********345');
    expect(err.stack).not.toContain('001190012345');
    expect(err.stack).toContain('*********345');
    expect(cause.message).toBe('Unexpected token in "*******321 ..."');
    expect(cause.stack).not.toContain('0987654321');
  });

  test('an operation without personal fields, or an input without their values, masks nothing', () => {
    expect(PersonalDataMask.of(input, undefined)).toBe(PersonalDataMask.none);
    expect(PersonalDataMask.of({ khac: '001190012345' }, ['soDinhDanh'])).toBe(PersonalDataMask.none);
    expect(PersonalDataMask.none.text('001190012345')).toBe('001190012345');
  });

  test('values too short to search for are left in the text', () => {
    expect(PersonalDataMask.of({ ten: 'An' }, ['ten']).text('Anh An')).toBe('Anh An');
  });
});
