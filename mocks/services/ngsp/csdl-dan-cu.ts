import { z } from 'zod';
import type { Citizen } from '../../data/records';
import { fullName } from '../../data/vietnamese-names';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineSoapService, soapOperation } from '../../protocols/soap-service';
import { citizenIdField, text, ymdField } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

export const DAN_CU_NS = 'http://dancuquocgia.bca';
export const DAN_CU_PATH = '/dancuquocgia/1.0/DanCuService';

const requestHeader = `<xs:element name="MaYeuCau" type="xs:string"/>
        <xs:element name="MaDichVu" type="xs:string" minOccurs="0"/>
        <xs:element name="MaCanBo" type="xs:string" minOccurs="0"/>`;

const SCHEMA = `
      <xs:element name="XacThucCongDan"><xs:complexType><xs:sequence>
        ${requestHeader}
        <xs:element name="SoDinhDanh" type="xs:string"/>
        <xs:element name="SoCMND" type="xs:string" minOccurs="0"/>
        <xs:element name="HoVaTen" type="xs:string"/>
        <xs:element name="NgayThangNamSinh" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="KetQuaXacThucResponse"><xs:complexType><xs:sequence>
        <xs:element name="TonTai" type="xs:boolean"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="TraCuuNhanThan"><xs:complexType><xs:sequence>
        ${requestHeader}
        <xs:element name="SoDinhDanh" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:complexType name="HoVaTenDayDu"><xs:sequence>
        <xs:element name="Ho" type="xs:string"/>
        <xs:element name="ChuDem" type="xs:string"/>
        <xs:element name="Ten" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="NguoiThan"><xs:sequence>
        <xs:element name="SoDinhDanh" type="xs:string"/>
        <xs:element name="HoVaTen" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="CongDan"><xs:sequence>
        <xs:element name="SoDinhDanh" type="xs:string"/>
        <xs:element name="HoVaTen" type="tns:HoVaTenDayDu"/>
        <xs:element name="NgayThangNamSinh" type="xs:string"/>
        <xs:element name="GioiTinh" type="xs:string"/>
        <xs:element name="QueQuan" type="xs:string"/>
        <xs:element name="Cha" type="tns:NguoiThan" minOccurs="0"/>
        <xs:element name="Me" type="tns:NguoiThan" minOccurs="0"/>
      </xs:sequence></xs:complexType>
      <xs:element name="TraCuuNhanThanResponse"><xs:complexType><xs:sequence>
        <xs:element name="CongDan" type="tns:CongDan"/>
      </xs:sequence></xs:complexType></xs:element>`;

const header = { MaYeuCau: text, MaDichVu: z.string().optional(), MaCanBo: z.string().optional() };

const sameName = (a: string, b: string): boolean => {
  const norm = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return norm(a) === norm(b);
};

function congDan(c: Citizen): Record<string, unknown> {
  return {
    SoDinhDanh: c.SoDinhDanh, HoVaTen: { Ho: c.Ho, ChuDem: c.ChuDem, Ten: c.Ten }, NgayThangNamSinh: c.NgayThangNamSinh,
    GioiTinh: c.GioiTinh, QueQuan: c.QueQuan, Cha: c.Cha, Me: c.Me,
  };
}

export function createCsdlDanCuService({ data }: ServiceDeps): MockService {
  return defineSoapService({
    id: 'csdl-dan-cu',
    providerName: 'Cơ sở dữ liệu quốc gia về dân cư',
    errorPrefix: 'DC',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    path: DAN_CU_PATH,
    serviceName: 'DanCuService',
    namespace: DAN_CU_NS,
    schema: SCHEMA,
    operations: [
      soapOperation({
        operationId: 'xac-thuc-cong-dan', requestElement: 'XacThucCongDan', responseElement: 'KetQuaXacThucResponse',
        input: z.object({ ...header, SoDinhDanh: citizenIdField, HoVaTen: text, NgayThangNamSinh: ymdField }),
        handle: (input) => {
          const c = data.citizens.get(input.SoDinhDanh);
          return { TonTai: c !== undefined && sameName(fullName(c), input.HoVaTen) && c.NgayThangNamSinh === input.NgayThangNamSinh };
        },
      }),
      soapOperation({
        operationId: 'tra-cuu-nhan-than', requestElement: 'TraCuuNhanThan', responseElement: 'TraCuuNhanThanResponse',
        input: z.object({ ...header, SoDinhDanh: citizenIdField }),
        handle: (input) => {
          const c = data.citizens.get(input.SoDinhDanh);
          if (c === undefined) throw notFound('DC-404', 'Không tìm thấy công dân với số định danh đã cung cấp');
          return { CongDan: congDan(c) };
        },
      }),
    ],
  });
}
