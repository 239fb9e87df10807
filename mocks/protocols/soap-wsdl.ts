/** What a WSDL needs to know about a SOAP service; the XSD element declarations are written by hand per service. */
export interface WsdlDescription {
  readonly serviceName: string;
  readonly namespace: string;
  /** `<xs:element>`/`<xs:complexType>` declarations placed inside the service's schema. */
  readonly schema: string;
  readonly operations: ReadonlyArray<{ readonly requestElement: string; readonly responseElement: string }>;
}

export function soapAction(namespace: string, operation: string): string {
  return `${namespace}/${operation}`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function perOperation(d: WsdlDescription, render: (request: string, response: string) => string): string {
  return d.operations.map((op) => render(op.requestElement, op.responseElement)).join('\n');
}

/** WSDL 1.1, document/literal, SOAP 1.1 binding, soap:address at `address`. */
export function buildWsdl(d: WsdlDescription, address: string): string {
  const ns = d.namespace;
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="${d.serviceName}" targetNamespace="${ns}"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ns}">
  <wsdl:types>
    <xs:schema targetNamespace="${ns}" elementFormDefault="qualified" xmlns:tns="${ns}">
${d.schema}
    </xs:schema>
  </wsdl:types>
${perOperation(d, (req, res) => `  <wsdl:message name="${req}Request"><wsdl:part name="parameters" element="tns:${req}"/></wsdl:message>
  <wsdl:message name="${req}Response"><wsdl:part name="parameters" element="tns:${res}"/></wsdl:message>`)}
  <wsdl:portType name="${d.serviceName}PortType">
${perOperation(d, (req) => `    <wsdl:operation name="${req}">
      <wsdl:input message="tns:${req}Request"/>
      <wsdl:output message="tns:${req}Response"/>
    </wsdl:operation>`)}
  </wsdl:portType>
  <wsdl:binding name="${d.serviceName}Binding" type="tns:${d.serviceName}PortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${perOperation(d, (req) => `    <wsdl:operation name="${req}">
      <soap:operation soapAction="${soapAction(ns, req)}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`)}
  </wsdl:binding>
  <wsdl:service name="${d.serviceName}">
    <wsdl:port name="${d.serviceName}Port" binding="tns:${d.serviceName}Binding">
      <soap:address location="${escapeAttribute(address)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
