/**
 * XSD of the population database's SOAP interface, written from the public artefacts: the
 * request elements in `http://dancuquocgia.bca`, the lookup answer `CongdanCollection` in
 * `http://www.mic.gov.vn/dancu/1.0` (element order as the published XSD and sample answers).
 * The answer schema refers to its own types as `x0:`, the prefix the WSDL gives its first extra schema.
 */
export const DAN_CU_SCHEMA = `
      <xs:complexType name="NgayThangNamSinhYeuCau"><xs:choice>
        <xs:element name="NgayThangNam" type="xs:string"/>
        <xs:element name="Nam" type="xs:string"/>
      </xs:choice></xs:complexType>
      <xs:complexType name="ThongTinYeuCau"><xs:sequence>
        <xs:element name="MaYeuCau" type="xs:string"/>
        <xs:element name="MaDVC" type="xs:string"/>
        <xs:element name="MaTichHop" type="xs:string"/>
        <xs:element name="MaDonVi" type="xs:string"/>
        <xs:element name="MaCanBo" type="xs:string"/>
        <xs:element name="TaiKhoan" type="xs:string" minOccurs="0"/>
        <xs:element name="SoDienThoai" type="xs:string" minOccurs="0"/>
        <xs:element name="SoDinhDanh" type="xs:string" minOccurs="0"/>
        <xs:element name="SoCMND" type="xs:string" minOccurs="0"/>
        <xs:element name="HoVaTen" type="xs:string"/>
        <xs:element name="NgayThangNamSinh" type="tns:NgayThangNamSinhYeuCau"/>
      </xs:sequence></xs:complexType>
      <xs:element name="XacThucThongTinCongDanRequest" type="tns:ThongTinYeuCau"/>
      <xs:element name="TraCuuThongTinCongDan" type="tns:ThongTinYeuCau"/>
      <xs:element name="KetQuaXacThucResponse"><xs:complexType><xs:sequence>
        <xs:element name="TonTai" type="xs:boolean"/>
      </xs:sequence></xs:complexType></xs:element>`;

export const MIC_DAN_CU_SCHEMA = `
      <xs:complexType name="HoVaTen"><xs:sequence>
        <xs:element name="Ho" type="xs:string"/>
        <xs:element name="ChuDem" type="xs:string"/>
        <xs:element name="Ten" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="NgayThangNamSinh"><xs:sequence>
        <xs:element name="Nam" type="xs:string" minOccurs="0"/>
        <xs:element name="NgayThangNam" type="xs:string" minOccurs="0"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="DiaChi"><xs:sequence>
        <xs:element name="MaTinhThanh" type="xs:string"/>
        <xs:element name="MaQuanHuyen" type="xs:string"/>
        <xs:element name="MaPhuongXa" type="xs:string"/>
        <xs:element name="ChiTiet" type="xs:string"/>
        <xs:element name="QuocGia" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="NguoiThan"><xs:sequence>
        <xs:element name="HoVaTen" type="xs:string"/>
        <xs:element name="QuocTich" type="xs:string"/>
        <xs:element name="SoDinhDanh" type="xs:string"/>
        <xs:element name="SoCMND" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="ChuHo"><xs:sequence>
        <xs:element name="QuanHe" type="xs:string"/>
        <xs:element name="SoDinhDanh" type="xs:string"/>
        <xs:element name="SoCMND" type="xs:string"/>
        <xs:element name="HoVaTen" type="xs:string"/>
      </xs:sequence></xs:complexType>
      <xs:complexType name="CongDan"><xs:sequence>
        <xs:element name="SoDinhDanh" type="xs:string"/>
        <xs:element name="SoCMND" type="xs:string"/>
        <xs:element name="HoVaTen" type="x0:HoVaTen"/>
        <xs:element name="GioiTinh" type="xs:string"/>
        <xs:element name="DanToc" type="xs:string"/>
        <xs:element name="TonGiao" type="xs:string"/>
        <xs:element name="TinhTrangHonNhan" type="xs:string" minOccurs="0"/>
        <xs:element name="NgayThangNamSinh" type="x0:NgayThangNamSinh"/>
        <xs:element name="NoiDangKyKhaiSinh" type="x0:DiaChi" minOccurs="0"/>
        <xs:element name="QuocTich" type="xs:string" minOccurs="0"/>
        <xs:element name="QueQuan" type="x0:DiaChi" minOccurs="0"/>
        <xs:element name="ThuongTru" type="x0:DiaChi" minOccurs="0"/>
        <xs:element name="NoiOHienTai" type="x0:DiaChi" minOccurs="0"/>
        <xs:element name="Cha" type="x0:NguoiThan" minOccurs="0"/>
        <xs:element name="Me" type="x0:NguoiThan" minOccurs="0"/>
        <xs:element name="VoChong" type="x0:NguoiThan" minOccurs="0"/>
        <xs:element name="ChuHo" type="x0:ChuHo" minOccurs="0"/>
        <xs:element name="SoSoHoKhau" type="xs:string" minOccurs="0"/>
      </xs:sequence></xs:complexType>
      <xs:element name="CongdanCollection"><xs:complexType>
        <xs:sequence><xs:element name="CongDan" type="x0:CongDan" maxOccurs="unbounded"/></xs:sequence>
        <xs:attribute name="SoCongDan" type="xs:string"/>
        <xs:attribute name="GhiChu" type="xs:string"/>
        <xs:attribute name="ThoiDiemDuLieu" type="xs:dateTime"/>
        <xs:attribute name="id" type="xs:string"/>
      </xs:complexType></xs:element>`;
