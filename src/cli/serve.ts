// `kongward serve`: the HTTPS admission (and conversion) webhook plus the plain-HTTP probe
// port. Every setting is a flag with an environment fallback.
import path from 'node:path';
import { Registry } from 'prom-client';
import { createLogger } from '../log.ts';
import { buildValidators } from '../webhooks/admission/default-validators.ts';
import { startProbeServer } from '../webhooks/probe-server.ts';
import { startWebhookServer } from '../webhooks/server.ts';
import { helpText, numberFlag, parseFlags, UsageError, type FlagSpecs } from './flags.ts';
import { developmentCertificateSource } from '../certs/development.ts';
import { DirectoryCertificateSource } from '../certs/dir-source.ts';
import { certificateMetrics } from '../certs/metrics.ts';
import type { CertificateSource } from '../certs/source.ts';
import { StaticGatewayClassLookup } from '../gateway/class-lookup.ts';
import { clusterConfig, startClusterCaches } from './serve-cluster.ts';
import { selfSignedCertificateSource } from './serve-self-signed.ts';

export const serveFlags = {
  host: { type: 'string', env: 'KONGWARD_HOST', help: 'Address the HTTPS webhook listens on (default 0.0.0.0; 127.0.0.1 with --dev)' },
  port: { type: 'string', env: 'KONGWARD_PORT', default: '8443', help: 'HTTPS webhook port' },
  'probe-host': { type: 'string', env: 'KONGWARD_PROBE_HOST', help: 'Address of the plain-HTTP /healthz, /readyz, /metrics port (default: as --host)' },
  'probe-port': { type: 'string', env: 'KONGWARD_PROBE_PORT', default: '8080', help: 'Plain-HTTP port for /healthz, /readyz and /metrics' },
  'cert-dir': { type: 'string', env: 'KONGWARD_CERT_DIR', help: 'Directory with tls.crt and tls.key (and ca.crt), e.g. a mounted cert-manager Secret' },
  'self-signed': { type: 'boolean', env: 'KONGWARD_SELF_SIGNED', help: 'In a cluster: kongward issues and renews its own CA and serving certificate in Secrets (one writer at a time) and keeps the caBundle of its webhook configuration and conversion CRDs up to date' },
  dev: { type: 'boolean', env: 'KONGWARD_DEV', help: 'Development: generate a CA and serving certificate into --dev-cert-dir on first start' },
  'dev-cert-dir': { type: 'string', env: 'KONGWARD_DEV_CERT_DIR', default: 'certs', help: 'Where --dev keeps its certificates' },
  service: { type: 'string', env: 'KONGWARD_SERVICE', default: 'kongward-webhook', help: 'Service name the apiserver reaches the webhook at (certificate SANs)' },
  namespace: { type: 'string', env: 'KONGWARD_NAMESPACE', default: 'kongward-system', help: 'Namespace of that Service (certificate SANs)' },
  'keep-alive-timeout': { type: 'string', env: 'KONGWARD_KEEP_ALIVE_TIMEOUT', default: '120', help: 'Seconds an idle keep-alive connection stays open; above the apiserver\'s 90 s idle timeout so the client closes first' },
  'shutdown-delay': { type: 'string', env: 'KONGWARD_SHUTDOWN_DELAY', default: '0', help: 'Seconds to keep serving after SIGTERM with /readyz failing, so endpoints drop the pod first (5 in clusters)' },
  'shutdown-timeout': { type: 'string', env: 'KONGWARD_SHUTDOWN_TIMEOUT', default: '25', help: 'Seconds to wait for in-flight requests on shutdown before closing connections' },
  kubeconfig: { type: 'string', env: 'KONGWARD_KUBECONFIG', help: 'Kubeconfig for cluster lookups (which GatewayClasses are Kong\'s, references); inside a Pod the in-cluster config is used without this flag' },
  'gateway-controller-name': { type: 'string', env: 'KONGWARD_GATEWAY_CONTROLLER_NAME', default: 'konghq.com/gateway-operator', help: 'spec.controllerName of the GatewayClasses that are Kong\'s' },
  'gateway-class': { type: 'string', multiple: true, env: 'KONGWARD_GATEWAY_CLASSES', help: 'GatewayClass names that are Kong\'s, for use without a cluster connection; repeatable (env: comma-separated)' },
  'log-level': { type: 'string', env: 'KONGWARD_LOG_LEVEL', default: 'info', help: 'trace, debug, info, warn, error or silent' },
} satisfies FlagSpecs;

export async function runServe(argv: string[]): Promise<number> {
  const { values, help } = parseFlags(serveFlags, argv);
  if (help) {
    process.stdout.write(helpText('kongward serve [options]', 'Serve the validating admission webhook (/validate) over HTTPS.', serveFlags));
    return 0;
  }
  const logger = createLogger({ level: values['log-level'] ?? 'info', name: 'webhook' });
  const host = values.host ?? (values.dev ? '127.0.0.1' : '0.0.0.0');
  const port = numberFlag('port', values.port, 8443);
  const probePort = numberFlag('probe-port', values['probe-port'], 8080);
  const shutdownDelayMs = numberFlag('shutdown-delay', values['shutdown-delay'], 0) * 1000;

  const modes = [values['cert-dir'] && '--cert-dir', values.dev && '--dev', values['self-signed'] && '--self-signed'].filter(Boolean);
  if (modes.length !== 1) {
    throw new UsageError(
      `choose exactly one certificate source${modes.length ? ` (got ${modes.join(', ')})` : ''}: --cert-dir DIR (cert-manager or a mounted Secret), --self-signed (in a cluster) or --dev (generated locally)`,
    );
  }
  // Cluster lookups, when connected; else the GatewayClasses named by flag.
  const kubeConfig = clusterConfig(values.kubeconfig);
  if (values['self-signed'] && !kubeConfig) throw new UsageError('--self-signed needs a cluster: run in a Pod or give --kubeconfig');
  const cluster = kubeConfig ? startClusterCaches(kubeConfig, logger) : undefined;

  const metrics = new Registry();
  // A child's own key (pino repeats a bound key, and log parsers keep only one of the two).
  const certLogger = logger.child({ component: 'certificates' });
  const service = values.service ?? 'kongward-webhook';
  const namespace = values.namespace ?? 'kongward-system';
  const source: CertificateSource = values['cert-dir']
    ? new DirectoryCertificateSource({ dir: values['cert-dir'], metrics: certificateMetrics(metrics), logger: certLogger })
    : values['self-signed'] && cluster
      ? selfSignedCertificateSource({ client: cluster.client, names: { service, namespace }, metrics: certificateMetrics(metrics), logger: certLogger })
      : developmentCertificateSource(path.resolve(values['dev-cert-dir'] ?? 'certs'), {
          policy: { service, namespace },
          metrics: certificateMetrics(metrics),
          logger: certLogger,
        });
  const controllerName = values['gateway-controller-name'] ?? 'konghq.com/gateway-operator';
  const classes = cluster?.gatewayClasses ?? new StaticGatewayClassLookup(values['gateway-class'].map((name) => [name, { controllerName }] as const));

  // Probes first: /healthz answers and /readyz says why it is not ready while the certificate loads.
  const validators = buildValidators({ gateway: { controllerName, classes }, ...(cluster ? { references: cluster.references } : {}) });
  const probes = await startProbeServer({ host: values['probe-host'] ?? host, port: probePort, metrics });
  let server: Awaited<ReturnType<typeof startWebhookServer>> | undefined;
  let shuttingDown = false;
  probes.addReadinessCheck('certificate', () => source.current() !== undefined);
  if (cluster) probes.addReadinessCheck('caches', () => cluster.synced());
  probes.addReadinessCheck('webhook', () => server !== undefined && server.isServing() && !shuttingDown);

  const pair = await source.start();
  server = await startWebhookServer({
    host,
    port,
    certificate: pair,
    validators,
    logger,
    metrics,
    keepAliveTimeoutMs: numberFlag('keep-alive-timeout', values['keep-alive-timeout'], 120) * 1000,
    shutdownTimeoutMs: numberFlag('shutdown-timeout', values['shutdown-timeout'], 25) * 1000,
  });
  const webhook = server;
  source.onChange((next) => webhook.setCertificate(next));
  logger.info(
    { url: `${webhook.url}/validate`, probes: probes.url, kinds: validators.kinds().length, certificates: source.name, cluster: Boolean(cluster) },
    'kongward webhook serving',
  );

  return new Promise<number>((resolve) => {
    const shutdown = async (signal: string) => {
      if (shuttingDown) return;
      shuttingDown = true;
      logger.info({ signal }, 'shutting down: readiness off, draining');
      if (shutdownDelayMs) await new Promise((r) => setTimeout(r, shutdownDelayMs));
      await webhook.close();
      await source.close();
      await cluster?.stop();
      await probes.close();
      logger.info('stopped');
      resolve(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  });
}
