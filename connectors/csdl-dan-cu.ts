import { z } from 'zod';
import { asRecord, needBoolean, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { soDinhDanh } from '../src/connector-kit/fields';
import { isoDate, isoToYmd, ymdToIso } from '../src/connector-kit/vn-time';

const options = z.object({
  /** The service code the population database assigned to the province. */
  maDichVu: z.string().min(1).default('LGSP-BG-XACTHUC'),
  /** Officer code sent when the caller gives none. */
  maCanBoMacDinh: z.string().min(1).default('LGSP'),
});

const caller = { maCanBo: z.string().min(1).max(64).optional() };

function envelopeFields(requestId: string, opts: Readonly<Record<string, unknown>>, maCanBo: string | undefined) {
  return { MaYeuCau: requestId, MaDichVu: String(opts['maDichVu']), MaCanBo: maCanBo ?? String(opts['maCanBoMacDinh']) };
}

function person(value: unknown): { soDinhDanh: string | null; hoVaTen: string | null } | null {
  if (value === undefined || value === null || value === '') return null;
  const p = asRecord(value, 'parent record');
  return { soDinhDanh: optString(p, 'SoDinhDanh'), hoVaTen: optString(p, 'HoVaTen') };
}

/** National population database (Ministry of Public Security), SOAP 1.1. */
export const csdlDanCu = defineConnector({
  id: 'csdl-dan-cu',
  fidelity: 'modelled',
  sources: [],
  protocol: 'soap',
  namespace: 'http://dancuquocgia.bca',
  options,
  operations: {
    'xac-thuc-cong-dan': defineOperation({
      wire: { protocol: 'soap', operation: 'XacThucCongDan', responseElement: 'KetQuaXacThucResponse' },
      input: z.object({ soDinhDanh, hoVaTen: z.string().min(1).max(200), ngaySinh: isoDate, ...caller }),
      personalFields: ['soDinhDanh', 'hoVaTen', 'ngaySinh'],
      toProvider: (input, ctx) => ({
        kind: 'json',
        body: { ...envelopeFields(ctx.requestId, ctx.options, input.maCanBo), SoDinhDanh: input.soDinhDanh, HoVaTen: input.hoVaTen, NgayThangNamSinh: isoToYmd(input.ngaySinh) },
      }),
      fromProvider: (answer) => ({ tonTai: needBoolean(asRecord(answer, 'KetQuaXacThucResponse'), 'TonTai') }),
    }),
    'tra-cuu-nhan-than': defineOperation({
      wire: { protocol: 'soap', operation: 'TraCuuNhanThan', responseElement: 'TraCuuNhanThanResponse' },
      input: z.object({ soDinhDanh, ...caller }),
      personalFields: ['soDinhDanh'],
      toProvider: (input, ctx) => ({ kind: 'json', body: { ...envelopeFields(ctx.requestId, ctx.options, input.maCanBo), SoDinhDanh: input.soDinhDanh } }),
      fromProvider: (answer) => {
        const c = asRecord(asRecord(answer, 'TraCuuNhanThanResponse')['CongDan'], 'CongDan');
        const ten = asRecord(c['HoVaTen'], 'HoVaTen');
        const parts = [optString(ten, 'Ho'), optString(ten, 'ChuDem'), optString(ten, 'Ten')].filter((p): p is string => p !== null);
        return {
          soDinhDanh: needString(c, 'SoDinhDanh'),
          hoVaTen: parts.join(' '),
          ho: optString(ten, 'Ho'),
          chuDem: optString(ten, 'ChuDem'),
          ten: needString(ten, 'Ten'),
          ngaySinh: ymdToIso(needString(c, 'NgayThangNamSinh')),
          gioiTinh: optString(c, 'GioiTinh'),
          queQuan: optString(c, 'QueQuan'),
          cha: person(c['Cha']),
          me: person(c['Me']),
        };
      },
    }),
  },
});
