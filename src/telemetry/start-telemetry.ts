import { metrics, trace } from '@opentelemetry/api';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TelemetryConfig } from '../config/app-config';
import { setTelemetryOn } from './instruments';

/** How often metrics are exported: OpenTelemetry's default interval. */
const METRIC_INTERVAL_MS = 60_000;

export interface RunningTelemetry {
  /** Exports what is pending and unregisters; bounded by the exporters' own timeouts. */
  shutdown(): Promise<void>;
}

/** What a test adds: an in-memory span processor or metric reader. */
export interface TelemetryExtras {
  spanProcessors?: SpanProcessor[];
  metricReaders?: MetricReader[];
}

/**
 * Registers the OpenTelemetry SDK with the configured exporters (console, OTLP over http, Azure Monitor) as the
 * global tracer and meter providers. The SDK and exporters are loaded here, only when telemetry is configured:
 * without it they are never required, so start-up time and memory are unchanged. The OTLP exporters read their
 * OTEL_EXPORTER_OTLP_* settings (endpoint, headers, protocol details) from the environment themselves, as the
 * OpenTelemetry specification has them do; OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES name the service.
 */
export function startTelemetry(config: TelemetryConfig, extras: TelemetryExtras = {}): RunningTelemetry {
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor, SimpleSpanProcessor, ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { MeterProvider, PeriodicExportingMetricReader, ConsoleMetricExporter } = require('@opentelemetry/sdk-metrics') as typeof import('@opentelemetry/sdk-metrics');
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');

  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'guestpass' }))
    .merge(detectResources({ detectors: [envDetector] }));

  const spanProcessors: SpanProcessor[] = [...(extras.spanProcessors ?? [])];
  const metricReaders: MetricReader[] = [...(extras.metricReaders ?? [])];
  const periodic = (exporter: ConstructorParameters<typeof PeriodicExportingMetricReader>[0]['exporter']) =>
    new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: METRIC_INTERVAL_MS });

  for (const name of config.traces) {
    if (name === 'console') spanProcessors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
    else spanProcessors.push(new BatchSpanProcessor(new (otlpTraceExporter())()));
  }
  for (const name of config.metrics) {
    metricReaders.push(periodic(name === 'console' ? new ConsoleMetricExporter() : new (otlpMetricExporter())()));
  }
  if (config.azureMonitorConnectionString) {
    const azure = require('@azure/monitor-opentelemetry-exporter') as typeof import('@azure/monitor-opentelemetry-exporter');
    const connectionString = config.azureMonitorConnectionString;
    spanProcessors.push(new BatchSpanProcessor(new azure.AzureMonitorTraceExporter({ connectionString })));
    metricReaders.push(periodic(new azure.AzureMonitorMetricExporter({ connectionString })));
  }

  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  tracerProvider.register();
  const meterProvider = new MeterProvider({ resource, readers: metricReaders });
  metrics.setGlobalMeterProvider(meterProvider);
  setTelemetryOn(true);

  return {
    async shutdown() {
      setTelemetryOn(false);
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
      trace.disable();
      metrics.disable();
    },
  };
}

function otlpTraceExporter() {
  return (require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter;
}

function otlpMetricExporter() {
  return (require('@opentelemetry/exporter-metrics-otlp-http') as typeof import('@opentelemetry/exporter-metrics-otlp-http')).OTLPMetricExporter;
}
