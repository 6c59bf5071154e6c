// Shared shapes of the certificate modules: the material we issue and store, the pair we serve,
// and the small injectable seams (clock, logger) that keep decisions testable in milliseconds.

/** Milliseconds since the epoch; injectable so renewal is tested without waiting. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

/** The subset of pino's logger the certificate modules use (pino loggers fit as they are). */
export interface CertLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
export const silentLogger: CertLogger = { info() {}, warn() {}, error() {} };

/**
 * Everything a self-managing writer keeps (development directory, in-cluster Secret): the
 * issuing CA with its key, the serving pair, and the trust bundle clients should use.
 * All values are PEM text.
 */
export interface CertificateMaterial {
  /** The current issuing CA certificate. */
  caCert: string;
  /** The CA's private key. */
  caKey: string;
  /** The serving certificate (tls.crt). */
  cert: string;
  /** The serving key (tls.key). */
  key: string;
  /**
   * ca.crt: the current CA followed by previous CAs that are still valid, so clients holding
   * an older caBundle keep trusting us while a rotation propagates.
   */
  caBundle: string;
}

/** What an HTTPS server needs: the latest pair, plus what it chains to. */
export interface ServingPair {
  cert: string;
  key: string;
  /** ca.crt when known (cert-dir with a ca.crt file, self-managed modes). */
  ca?: string;
  /** Leaf serial as node's X509Certificate prints it (upper-case hex). */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}
