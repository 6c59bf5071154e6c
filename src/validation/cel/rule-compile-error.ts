/** Thrown when a rule (or its fieldPath) cannot be compiled; carries the rule text. */
export class RuleCompileError extends Error {
  readonly rule: string;
  constructor(rule: string, cause: unknown) {
    super(`rule compile error: ${cause instanceof Error ? cause.message : String(cause)}: ${rule}`);
    this.rule = rule;
  }
}
