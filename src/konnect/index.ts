// Public surface of the Konnect client.
export * from './client.ts';
export * from './control-planes.ts';
export * from './consumer-groups.ts';
export * from './dp-certificates.ts';
export * from './endpoints.ts';
export * from './entities.ts';
export * from './errors.ts';
export * from './rate-limit.ts';
export * from './retry.ts';
export * from './server-url.ts';
export * from './transport.ts';
