// `kongward controller`: the thin controller (DataPlane provisioning, Konnect reconciliation)
// with leader election, health/readiness/metrics and JSON logs.
import { runController } from '../controller/main.ts';
import { registerReconcilers } from '../controller/reconcilers.ts';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createLogger } from '../log.ts';
import { helpText, numberFlag, parseFlags, type FlagSpecs } from './flags.ts';

export const controllerFlags = {
  kubeconfig: { type: 'string', env: 'KONGWARD_KUBECONFIG', help: 'Kubeconfig file; in a Pod the in-cluster config, else the default kubeconfig' },
  namespace: { type: 'string', env: 'KONGWARD_WATCH_NAMESPACE', help: 'Watch only this namespace (default: all)' },
  host: { type: 'string', env: 'KONGWARD_CONTROLLER_HOST', default: '0.0.0.0', help: 'Address of /healthz, /readyz and /metrics' },
  'probe-port': { type: 'string', env: 'KONGWARD_CONTROLLER_PROBE_PORT', default: '8081', help: 'Port of /healthz, /readyz and /metrics' },
  'leader-elect': { type: 'boolean', env: 'KONGWARD_LEADER_ELECT', default: true, help: 'Run reconcilers only while holding the Lease (disable with KONGWARD_LEADER_ELECT=false)' },
  'leader-election-namespace': { type: 'string', env: 'KONGWARD_LEADER_ELECTION_NAMESPACE', help: 'Namespace of the Lease (default: the Pod\'s namespace, else kongward-system)' },
  'lease-duration': { type: 'string', env: 'KONGWARD_LEASE_DURATION', default: '15', help: 'Seconds a Lease is valid without renewal' },
  'renew-deadline': { type: 'string', env: 'KONGWARD_RENEW_DEADLINE', default: '10', help: 'Seconds the leader keeps trying to renew before it stops reconciling' },
  'retry-period': { type: 'string', env: 'KONGWARD_RETRY_PERIOD', default: '2', help: 'Seconds between attempts to acquire or renew the Lease' },
  'cluster-ca-namespace': { type: 'string', env: 'POD_NAMESPACE', default: 'kongward-system', help: 'Namespace of the cluster CA Secret that signs DataPlane admin API certificates (default: the Pod\'s namespace)' },
  'gateway-controller-name': { type: 'string', env: 'KONGWARD_GATEWAY_CONTROLLER_NAME', default: 'konghq.com/gateway-operator', help: 'spec.controllerName of the GatewayClasses whose Gateways get a DataPlane (the webhook takes the same flag)' },
  'sync-period': { type: 'string', env: 'KONGWARD_SYNC_PERIOD', default: '60', help: 'Seconds between drift checks of each Konnect entity' },
  'log-level': { type: 'string', env: 'KONGWARD_LOG_LEVEL', default: 'info', help: 'trace, debug, info, warn, error or silent' },
} satisfies FlagSpecs;

export async function runControllerCommand(argv: string[]): Promise<number> {
  const { values, help } = parseFlags(controllerFlags, argv);
  if (help) {
    process.stdout.write(helpText('kongward controller [options]', 'Reconcile DataPlanes, Gateways of Kong\'s GatewayClasses and Konnect entities.', controllerFlags));
    return 0;
  }
  const syncPeriodMs = numberFlag('sync-period', values['sync-period'], 60) * 1000;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const running = await runController({
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
    host: values.host ?? '0.0.0.0',
    port: numberFlag('probe-port', values['probe-port'], 8081),
    logger: createLogger({ level: values['log-level'] ?? 'info', name: 'controller' }),
    leaderElection: {
      enabled: values['leader-elect'],
      ...(values['leader-election-namespace'] ? { namespace: values['leader-election-namespace'] } : {}),
      leaseDurationMs: numberFlag('lease-duration', values['lease-duration'], 15) * 1000,
      renewDeadlineMs: numberFlag('renew-deadline', values['renew-deadline'], 10) * 1000,
      retryPeriodMs: numberFlag('retry-period', values['retry-period'], 2) * 1000,
    },
    handleSignals: true,
    registry,
    register: (manager) => registerReconcilers(manager, {
      syncPeriodMs, registry, clusterCaNamespace: values['cluster-ca-namespace'] ?? 'kongward-system',
      ...(values['gateway-controller-name'] ? { gatewayControllerName: values['gateway-controller-name'] } : {}),
    }),
  });
  return new Promise<number>((resolve) => {
    const stop = () => void running.stop().then(() => resolve(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
