// Structured JSON logs (one object per line). Secret material is redacted wherever it could
// appear: object data, tokens, keys, certificates, passwords.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

const redactedPaths = [
  '*.token', '*.password', '*.secret', '*.key', '*.data', '*.stringData', '*.authorization',
  '*.headers.authorization', 'req.headers.authorization', '*.tls.key', '*.private_key',
];

export function createLogger(options: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? process.env.KONGWARD_LOG_LEVEL ?? 'info',
    base: options.name ? { logger: options.name } : null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactedPaths, censor: '[REDACTED]' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** A logger that writes nothing (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
