// Run the gateway as its own process (the production layout); subgraphs are found through
// SUBGRAPH_URL_<NAME>.
import { createLogger } from '../schema/observability/logger.ts';
import { startTracing } from '../schema/observability/tracing.ts';
import { readGatewayConfig } from '../gateway/config.ts';
import { startGateway } from '../gateway/server.ts';

const config = readGatewayConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
const tracing = startTracing({ serviceName: process.env.OTEL_SERVICE_NAME ?? 'cong-hub-gateway', otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
const gateway = await startGateway(config, logger);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await gateway.stop();
    await tracing?.shutdown();
    process.exit(0);
  });
}
