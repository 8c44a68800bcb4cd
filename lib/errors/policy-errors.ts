/** An organisation policy (code, cdktf.json context or --policy file) that cannot be used. */
export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid workload identity policy (${source}):\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        `\nAllowed keys: maxTtl, minTtl, maxSessionDuration, allowedIssuers, approvers, severityOverrides, today, expiryWarningDays.`,
    );
    this.name = "PolicyError";
  }
}
