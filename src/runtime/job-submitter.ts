import type { CatalogOperation } from '../catalog/catalog';

/** What an async call asks of the queue: one validated input of one operation, for one consumer. */
export interface JobRequest {
  op: CatalogOperation;
  /** Input already validated by `parseOperationInput`. */
  input: unknown;
  consumer: string;
  requestId: string;
  idempotencyKey?: string;
}

/** Puts an async call on its connection's queue; answers the job's id, its status and whether this submit made it. */
export interface JobSubmitter {
  submit(request: JobRequest): Promise<{ jobId: string; status: string; created: boolean }>;
}
