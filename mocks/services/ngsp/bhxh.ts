import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineSoapService, soapOperation } from '../../protocols/soap-service';
import { yearMonthField } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

export const BHXH_NS = 'http://baohiemxahoi.gov.vn/lgsp';
export const BHXH_PATH = '/bhxh/1.0/TraCuuService';

const SCHEMA = `
      <xs:element name="TraCuuQuaTrinhDong"><xs:complexType><xs:sequence>
        <xs:element name="MaSoBHXH" type="xs:string"/>
        <xs:element name="TuThang" type="xs:string"/>
        <xs:element name="DenThang" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:complexType name="Dong"><xs:sequence>
        <xs:element name="TuThang" type="xs:string"/>
        <xs:element name="DenThang" type="xs:string"/>
        <xs:element name="DonVi" type="xs:string"/>
        <xs:element name="MucLuong" type="xs:decimal"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="QuaTrinh"><xs:sequence>
        <xs:element name="Dong" type="tns:Dong" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="KetQua"><xs:sequence>
        <xs:element name="MaSoBHXH" type="xs:string"/>
        <xs:element name="HoTen" type="xs:string"/>
        <xs:element name="QuaTrinh" type="tns:QuaTrinh"/>
      </xs:sequence></xs:complexType>
      <xs:element name="TraCuuQuaTrinhDongResponse"><xs:complexType><xs:sequence>
        <xs:element name="KetQua" type="tns:KetQua"/>
      </xs:sequence></xs:complexType></xs:element>`;

const input = z.object({
  MaSoBHXH: z.string().regex(/^\d{10}$/, 'phải gồm 10 chữ số'),
  TuThang: yearMonthField,
  DenThang: yearMonthField,
}).refine((v) => v.TuThang <= v.DenThang, { message: 'TuThang phải trước DenThang', path: ['DenThang'] });

export function createBhxhService({ data }: ServiceDeps): MockService {
  return defineSoapService({
    id: 'bhxh',
    providerName: 'Bảo hiểm xã hội Việt Nam',
    errorPrefix: 'BH',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    path: BHXH_PATH,
    serviceName: 'TraCuuService',
    namespace: BHXH_NS,
    schema: SCHEMA,
    operations: [
      soapOperation({
        operationId: 'tra-cuu-qua-trinh-dong', requestElement: 'TraCuuQuaTrinhDong', responseElement: 'TraCuuQuaTrinhDongResponse',
        input,
        handle: ({ MaSoBHXH, TuThang, DenThang }) => {
          const record = data.insurance.get(MaSoBHXH);
          if (record === undefined) throw notFound('BH-404', 'Không tìm thấy mã số BHXH');
          const periods = record.QuaTrinh.filter((p) => p.DenThang >= TuThang && p.TuThang <= DenThang);
          return { KetQua: { MaSoBHXH, HoTen: record.HoTen, QuaTrinh: { Dong: periods } } };
        },
      }),
    ],
  });
}
