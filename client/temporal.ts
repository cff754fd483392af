import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';

/** A Temporal client; `lazy` connects on first use so an HTTP server can start before Temporal answers. */
export async function connectTemporal(options: {
  address: string;
  namespace: string;
  dataConverter?: DataConverter;
  lazy?: boolean;
  /** E.g. the OpenTelemetry interceptor that carries the current trace into the workflows this client starts. */
  workflowInterceptors?: WorkflowClientInterceptor[];
}): Promise<Client> {
  const connection = options.lazy
    ? Connection.lazy({ address: options.address })
    : await Connection.connect({ address: options.address });
  return new Client({
    connection,
    namespace: options.namespace,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...(options.workflowInterceptors ? { interceptors: { workflow: options.workflowInterceptors } } : {}),
  });
}
