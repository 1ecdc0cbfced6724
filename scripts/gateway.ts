// Run the gateway as its own process (the production layout); subgraphs are found through
// SUBGRAPH_URL_<NAME>.
import { pino } from 'pino';
import { readGatewayConfig } from '../gateway/config.ts';
import { startGateway } from '../gateway/server.ts';

const config = readGatewayConfig();
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const gateway = await startGateway(config, logger);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await gateway.stop();
    process.exit(0);
  });
}
