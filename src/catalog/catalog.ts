import { z } from 'zod';
import type { ConnectorDefinition, MapContext, OperationDefinition } from '../connector-kit/connector-definition';
import type { ConnectionConfig, GatewayConfig, OperationConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';

/** Everything the runtime needs about one operation of one connection. */
export interface CatalogOperation {
  connection: ConnectionConfig;
  connector: ConnectorDefinition;
  config: OperationConfig;
  definition: OperationDefinition<unknown>;
  options: Readonly<Record<string, unknown>>;
}

/**
 * The validated catalog joined with the connector code: the one place that answers
 * "which connection, which operation, which mapping".
 */
export class Catalog {
  private readonly operations = new Map<string, CatalogOperation>();
  private readonly connections = new Map<string, ConnectionConfig>();
  private readonly connectors = new Map<string, ConnectorDefinition>();

  constructor(config: GatewayConfig, connectors: ReadonlyMap<string, ConnectorDefinition>) {
    for (const connection of config.connections) {
      const connector = connectors.get(connection.id);
      if (!connector) throw new Error(`no connector for ${connection.id}`);
      const options = connector.options ? connector.options.parse(connection.options) : connection.options;
      this.connections.set(connection.id, connection);
      this.connectors.set(connection.id, connector);
      for (const op of connection.operations) {
        const definition = connector.operations[op.id] as OperationDefinition<unknown> | undefined;
        if (!definition) throw new Error(`connector ${connection.id} has no operation ${op.id}`);
        this.operations.set(`${connection.id}/${op.id}`, { connection, connector, config: op, definition, options });
      }
    }
  }

  listConnections(): ConnectionConfig[] {
    return [...this.connections.values()];
  }

  getConnection(serviceId: string): ConnectionConfig {
    const connection = this.connections.get(serviceId);
    if (!connection) throw new GatewayError('Client.UnknownService', `No service '${serviceId}' in the directory`);
    return connection;
  }

  /** The connector serving a connection (its fidelity and sources, its operations' code). */
  getConnector(serviceId: string): ConnectorDefinition {
    this.getConnection(serviceId);
    return this.connectors.get(serviceId) as ConnectorDefinition;
  }

  getOperation(serviceId: string, operationId: string): CatalogOperation {
    this.getConnection(serviceId);
    const op = this.operations.get(`${serviceId}/${operationId}`);
    if (!op) throw new GatewayError('Client.UnknownOperation', `Service '${serviceId}' has no operation '${operationId}'`);
    return op;
  }
}

/** Validates a caller's body against the operation's schema: 400 naming each problem, never echoing values. */
export async function parseOperationInput(op: CatalogOperation, raw: unknown): Promise<unknown> {
  const result = op.definition.input.safeParse(raw);
  if (!result.success) {
    throw new GatewayError('Client.BadRequest', `Invalid request body: ${describeIssues(result.error)}`);
  }
  if (op.definition.check) await op.definition.check(result.data);
  return result.data;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}

export function mapContext(op: CatalogOperation, requestId: string, province: MapContext['province']): MapContext {
  return { requestId, options: op.options, province, now: new Date() };
}
