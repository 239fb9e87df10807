import { z } from 'zod';
import { addDays, ymd } from '../../data/time-format';
import type { MockService } from '../../protocols/mock-service';
import { defineSoapService, soapOperation } from '../../protocols/soap-service';
import { amountField, dvcqgTimeField, text } from '../field-schemas';
import { datedId, type ServiceDeps } from '../service-deps';

export const THUE_NS = 'http://tct.gdt.gov.vn/lgsp';
export const THUE_PATH = '/thue/1.0/ThueService';

const SCHEMA = `
      <xs:element name="GuiNghiaVuTaiChinh"><xs:complexType><xs:sequence>
        <xs:element name="MaHoSo" type="xs:string"/>
        <xs:element name="MaSoThue" type="xs:string"/>
        <xs:element name="LoaiNghiaVu" type="xs:string"/>
        <xs:element name="SoTien" type="xs:decimal"/>
        <xs:element name="NgayPhatSinh" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="GuiNghiaVuTaiChinhResponse"><xs:complexType><xs:sequence>
        <xs:element name="MaThongBao" type="xs:string"/>
        <xs:element name="TrangThai" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="TraCuuThongBaoThue"><xs:complexType><xs:sequence>
        <xs:element name="MaSoThue" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:complexType name="ThongBao"><xs:sequence>
        <xs:element name="MaThongBao" type="xs:string"/>
        <xs:element name="MaHoSo" type="xs:string"/>
        <xs:element name="SoTien" type="xs:decimal"/>
        <xs:element name="HanNop" type="xs:string"/>
        <xs:element name="TrangThai" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:element name="TraCuuThongBaoThueResponse"><xs:complexType><xs:sequence>
        <xs:element name="ThongBao" type="tns:ThongBao" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType></xs:element>`;

/** 10-digit enterprise code, 13-character branch code (10-3) or a 12-digit personal id. */
const taxCode = z.string().regex(/^(\d{10}(-\d{3})?|\d{12})$/, 'mã số thuế không hợp lệ');

export function createThueService(deps: ServiceDeps): MockService {
  const { data } = deps;
  return defineSoapService({
    id: 'thue',
    providerName: 'Tổng cục Thuế',
    errorPrefix: 'TH',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    path: THUE_PATH,
    serviceName: 'ThueService',
    namespace: THUE_NS,
    schema: SCHEMA,
    operations: [
      soapOperation({
        operationId: 'nghia-vu-tai-chinh',
        requestElement: 'GuiNghiaVuTaiChinh',
        responseElement: 'GuiNghiaVuTaiChinhResponse',
        input: z.object({ MaHoSo: text, MaSoThue: taxCode, LoaiNghiaVu: text, SoTien: amountField, NgayPhatSinh: dvcqgTimeField }),
        handle: (input) => {
          const MaThongBao = datedId(deps, 'TB');
          const notices = data.taxNotices.get(input.MaSoThue) ?? [];
          const due = addDays(deps.now(), 30);
          notices.push({ MaThongBao, MaHoSo: input.MaHoSo, SoTien: input.SoTien, HanNop: ymd(due), TrangThai: 'CHUA_NOP' });
          data.taxNotices.set(input.MaSoThue, notices);
          return { MaThongBao, TrangThai: 'DA_TIEP_NHAN' };
        },
      }),
      soapOperation({
        operationId: 'tra-cuu-thong-bao-thue',
        requestElement: 'TraCuuThongBaoThue',
        responseElement: 'TraCuuThongBaoThueResponse',
        input: z.object({ MaSoThue: taxCode }),
        handle: ({ MaSoThue }) => ({ ThongBao: data.taxNotices.get(MaSoThue) ?? [] }),
      }),
    ],
  });
}
