import { createRequire } from 'node:module';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import type { Tracing } from './tracing.js';

/**
 * The Temporal SDK's workflow interceptors for OpenTelemetry, bundled into the workflow code when tracing is on: they
 * give each workflow run (`RunWorkflow:<type>`) and each activity it schedules (`StartActivity:<type>`) a span inside
 * the sandbox, continuing the trace the starter put in the workflow's headers, and hand the spans out through the
 * worker's `exporter` sink.
 */
export const workflowTracingInterceptors = createRequire(import.meta.url).resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

/**
 * What a worker adds while tracing is on: a span around each activity execution (`RunActivity:<type>`, the current
 * span of the activity's own calls, such as outbound API requests), and the sink through which the sandboxed
 * workflows' spans reach this process's span processor.
 */
export function workerTracingOptions(
  tracing: Tracing,
): { activityInterceptor: ActivityInterceptorsFactory } & Required<Pick<WorkerOptions, 'sinks'>> {
  return {
    activityInterceptor: (ctx) => ({
      inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
      outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
    }),
    sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
  };
}
