/** What a WSDL needs to know about a SOAP service; the XSD element declarations are written by hand per service. */
export interface WsdlDescription {
  readonly serviceName: string;
  readonly namespace: string;
  /** `<xs:element>`/`<xs:complexType>` declarations placed inside the service's schema. */
  readonly schema: string;
  /** Schemas of other namespaces whose elements some answers use (the population DB answers in `http://www.mic.gov.vn/dancu/1.0`). */
  readonly extraSchemas?: ReadonlyArray<{ readonly namespace: string; readonly schema: string }>;
  readonly operations: ReadonlyArray<WsdlOperation>;
}

export interface WsdlOperation {
  readonly requestElement: string;
  readonly responseElement: string;
  /** Namespace of the response element when it is not the service's. */
  readonly responseNamespace?: string;
  /** The SOAPAction the binding declares; `<namespace>/<requestElement>` when absent. */
  readonly soapAction?: string;
}

export function soapAction(namespace: string, operation: string): string {
  return `${namespace}/${operation}`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function perOperation(d: WsdlDescription, render: (op: WsdlOperation) => string): string {
  return d.operations.map(render).join('\n');
}

/** `tns` for the service's namespace, `x0`, `x1`… for the extra schemas, in their order. */
function prefixOf(d: WsdlDescription, namespace: string | undefined): string {
  const index = (d.extraSchemas ?? []).findIndex((x) => x.namespace === namespace);
  return namespace === undefined || namespace === d.namespace || index < 0 ? 'tns' : `x${index}`;
}

function extraDeclarations(d: WsdlDescription): string {
  return (d.extraSchemas ?? []).map((x, i) => ` xmlns:x${i}="${x.namespace}"`).join('');
}

function extraSchemas(d: WsdlDescription): string {
  return (d.extraSchemas ?? [])
    .map(
      (x, i) => `
    <xs:schema targetNamespace="${x.namespace}" elementFormDefault="qualified" xmlns:x${i}="${x.namespace}">
${x.schema}
    </xs:schema>`,
    )
    .join('');
}

/** WSDL 1.1, document/literal, SOAP 1.1 binding, soap:address at `address`. */
export function buildWsdl(d: WsdlDescription, address: string): string {
  const ns = d.namespace;
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="${d.serviceName}" targetNamespace="${ns}"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${ns}"${extraDeclarations(d)}>
  <wsdl:types>
    <xs:schema targetNamespace="${ns}" elementFormDefault="qualified" xmlns:tns="${ns}">
${d.schema}
    </xs:schema>${extraSchemas(d)}
  </wsdl:types>
${perOperation(
  d,
  (
    op,
  ) => `  <wsdl:message name="${op.requestElement}Request"><wsdl:part name="parameters" element="tns:${op.requestElement}"/></wsdl:message>
  <wsdl:message name="${op.requestElement}Response"><wsdl:part name="parameters" element="${prefixOf(d, op.responseNamespace)}:${op.responseElement}"/></wsdl:message>`,
)}
  <wsdl:portType name="${d.serviceName}PortType">
${perOperation(
  d,
  ({ requestElement: req }) => `    <wsdl:operation name="${req}">
      <wsdl:input message="tns:${req}Request"/>
      <wsdl:output message="tns:${req}Response"/>
    </wsdl:operation>`,
)}
  </wsdl:portType>
  <wsdl:binding name="${d.serviceName}Binding" type="tns:${d.serviceName}PortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${perOperation(
  d,
  (op) => `    <wsdl:operation name="${op.requestElement}">
      <soap:operation soapAction="${escapeAttribute(op.soapAction ?? soapAction(ns, op.requestElement))}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`,
)}
  </wsdl:binding>
  <wsdl:service name="${d.serviceName}">
    <wsdl:port name="${d.serviceName}Port" binding="tns:${d.serviceName}Binding">
      <soap:address location="${escapeAttribute(address)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
