import { operationSchemas, qbwcNamespace, type OperationName } from './soap.js';
import { escapeXml } from './xml.js';

/** Parameters and results typed other than an optional string in the Web Connector's published WSDL. */
const intParameters = new Set(['qbXMLMajorVers', 'qbXMLMinorVers']);
const resultTypes: Partial<Record<OperationName, string>> = {
  authenticate: 'tns:ArrayOfString',
  receiveResponseXML: 's:int',
};

const parameterElement = (name: string) =>
  intParameters.has(name)
    ? `<s:element minOccurs="1" maxOccurs="1" name="${name}" type="s:int"/>`
    : `<s:element minOccurs="0" maxOccurs="1" name="${name}" type="s:string"/>`;

const resultElement = (operation: OperationName) => {
  const type = resultTypes[operation] ?? 's:string';
  const occurs = type === 's:int' ? 'minOccurs="1"' : 'minOccurs="0"';
  return `<s:element ${occurs} maxOccurs="1" name="${operation}Result" type="${type}"/>`;
};

/** The WSDL of the endpoint at `endpointUrl`: the Web Connector's service, operation and element names exactly. */
export function webConnectorWsdl(endpointUrl: string): string {
  const operations = Object.keys(operationSchemas) as OperationName[];
  const elements = operations.map((operation) => {
    const parameters = Object.keys(operationSchemas[operation].shape).map(parameterElement).join('');
    return [
      `<s:element name="${operation}"><s:complexType><s:sequence>${parameters}</s:sequence></s:complexType></s:element>`,
      `<s:element name="${operation}Response"><s:complexType><s:sequence>${resultElement(operation)}</s:sequence></s:complexType></s:element>`,
    ].join('\n');
  });
  const messages = operations.map((operation) =>
    [
      `<wsdl:message name="${operation}SoapIn"><wsdl:part name="parameters" element="tns:${operation}"/></wsdl:message>`,
      `<wsdl:message name="${operation}SoapOut"><wsdl:part name="parameters" element="tns:${operation}Response"/></wsdl:message>`,
    ].join('\n'),
  );
  const portOperations = operations.map(
    (operation) =>
      `<wsdl:operation name="${operation}"><wsdl:input message="tns:${operation}SoapIn"/><wsdl:output message="tns:${operation}SoapOut"/></wsdl:operation>`,
  );
  const bindingOperations = operations.map(
    (operation) =>
      `<wsdl:operation name="${operation}"><soap:operation soapAction="${qbwcNamespace}${operation}" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${qbwcNamespace}" targetNamespace="${qbwcNamespace}">
<wsdl:types>
<s:schema elementFormDefault="qualified" targetNamespace="${qbwcNamespace}">
<s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/></s:sequence></s:complexType>
${elements.join('\n')}
</s:schema>
</wsdl:types>
${messages.join('\n')}
<wsdl:portType name="QBWebConnectorSvcSoap">
${portOperations.join('\n')}
</wsdl:portType>
<wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap">
<soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
${bindingOperations.join('\n')}
</wsdl:binding>
<wsdl:service name="QBWebConnectorSvc">
<wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap"><soap:address location="${escapeXml(endpointUrl)}"/></wsdl:port>
</wsdl:service>
</wsdl:definitions>
`;
}
