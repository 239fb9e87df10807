import type { Request, Router } from 'express';
import type { z } from 'zod';
import { validateInput } from './input-validation';
import type { MockAuthProfile } from '../auth/mock-auth';
import type { Dispatch, MockReply, MockService, ProtocolAdapter } from './mock-service';
import { replyOrProviderError } from './mock-service';
import { ProviderError } from './provider-error';
import { xmlReply } from './replies';
import { buildSoapFault, buildSoapResponse, parseSoapBody } from './soap-envelope';
import { buildWsdl, soapAction, type WsdlDescription } from './soap-wsdl';
import { toPlain, XmlParseError } from './xml-document';

/** One SOAP operation: request element in, response element content out. */
export interface SoapOperation {
  readonly operationId: string;
  readonly requestElement: string;
  readonly responseElement: string;
  /** Namespace of the response element when it is not the service's. */
  readonly responseNamespace?: string;
  /** The SOAPAction this operation expects (unquoted); `<namespace>/<requestElement>` when absent. */
  readonly soapAction?: string;
  execute(input: unknown, errorPrefix: string): Promise<Record<string, unknown>> | Record<string, unknown>;
}

export interface SoapServiceDefinition {
  readonly id: string;
  readonly providerName: string;
  readonly errorPrefix: string;
  readonly auth: MockAuthProfile;
  readonly fidelity: MockService['fidelity'];
  readonly path: string;
  readonly serviceName: string;
  readonly namespace: string;
  /** Hand-written XSD declarations of the request and response elements. */
  readonly schema: string;
  /** XSD declarations in other namespaces that answers use. */
  readonly extraSchemas?: WsdlDescription['extraSchemas'];
  readonly operations: readonly SoapOperation[];
}

/** Keeps the input type of `handle` tied to its schema, then erases it for the dispatch table. */
export function soapOperation<S extends z.ZodType>(op: {
  operationId: string;
  requestElement: string;
  responseElement: string;
  responseNamespace?: string;
  soapAction?: string;
  input: S;
  handle(input: z.output<S>): Promise<Record<string, unknown>> | Record<string, unknown>;
}): SoapOperation {
  const { input, handle, ...wire } = op;
  return { ...wire, execute: (raw, prefix) => handle(validateInput(input, raw, prefix)) };
}

export function soapProtocol(namespace: string): ProtocolAdapter {
  return {
    name: 'soap',
    errorReply: (error, status) => xmlReply(buildSoapFault(namespace, error.side, error.code, error.message), status ?? 500),
  };
}

function wantsWsdl(req: Request): boolean {
  return Object.keys(req.query as Record<string, unknown>).some((key) => key.toLowerCase() === 'wsdl');
}

function unquote(value: string | undefined): string {
  return (value ?? '').trim().replace(/^"(.*)"$/, '$1');
}

export function defineSoapService(def: SoapServiceDefinition): MockService {
  const protocol = soapProtocol(def.namespace);
  const byElement = new Map(def.operations.map((op) => [op.requestElement, op]));
  const refuse = (message: string): MockReply => protocol.errorReply(new ProviderError(`${def.errorPrefix}-400`, message, 400, 'client'));
  const wsdl: WsdlDescription = def;

  async function decode(req: Request): Promise<Dispatch | MockReply> {
    if (typeof req.body !== 'string' || req.body.trim() === '') return refuse('Thiếu SOAP Envelope');
    let element;
    try {
      element = await parseSoapBody(req.body);
    } catch (err) {
      if (err instanceof XmlParseError) return refuse(`SOAP Envelope không hợp lệ: ${err.message}`);
      throw err;
    }
    const op = byElement.get(element.local);
    if (element.uri !== def.namespace || op === undefined) {
      return refuse(`Không hỗ trợ thao tác {${element.uri}}${element.local}`);
    }
    const action = unquote(req.get('soapaction'));
    if (action !== '' && action !== (op.soapAction ?? soapAction(def.namespace, op.requestElement)))
      return refuse(`SOAPAction không khớp: ${action}`);
    const answerNamespace = op.responseNamespace ?? def.namespace;
    return {
      operationId: op.operationId,
      run: () =>
        replyOrProviderError(protocol, async () =>
          xmlReply(buildSoapResponse(answerNamespace, op.responseElement, await op.execute(toPlain(element), def.errorPrefix))),
        ),
    };
  }

  return {
    id: def.id,
    providerName: def.providerName,
    errorPrefix: def.errorPrefix,
    auth: def.auth,
    fidelity: def.fidelity,
    operations: def.operations.map((op) => op.operationId),
    protocol,
    endpoints: [
      {
        method: 'post',
        path: def.path,
        bodyLimit: '10mb',
        decode,
        operations: def.operations.map((op) => ({ operationId: op.operationId, wireOperation: op.requestElement })),
      },
    ],
    mountPublicRoutes(router: Router) {
      router.get(def.path, (req, res, next) => {
        if (!wantsWsdl(req)) return next();
        const address = `${req.protocol}://${req.get('host') ?? 'localhost'}${def.path}`;
        res.type('text/xml; charset=utf-8').send(buildWsdl(wsdl, address));
      });
    },
  };
}
