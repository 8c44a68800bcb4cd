/** The team accountable for an identity (intent and scope) or for an issuer (the issuance path). */
export interface OwnerProps {
  /** Team name, e.g. `payments`. */
  readonly team: string;
  /** How to reach the team: an on-call address, channel or ticket queue. */
  readonly contact: string;
}

/** A governance approval: who approved, the ticket or reference, and until when. */
export interface ApprovalProps {
  /** Who approved (a person or governance group); never the owner team. */
  readonly name: string;
  /** Ticket, decision record or change reference, e.g. `SEC-1234`. */
  readonly reference: string;
  /**
   * Date the approval lapses, YYYY-MM-DD (UTC), required: an approval is given until a date. On
   * and after this date it is expired and blocks synth (the same rule the reviewer applies, WI104);
   * hand-written approvals without one are reported (WI112).
   */
  readonly expiresOn: string;
}

/** An audited exception to one rule of the catalog for one identity. */
export interface SuppressionProps {
  /** Rule id, `WI` + three digits, e.g. `WI203`. */
  readonly ruleId: string;
  /** Why the exception is needed and safe; at least 20 characters. */
  readonly reason: string;
  /** Who approved the exception; never the identity's owner team. */
  readonly approver: string;
  /** YYYY-MM-DD after today; on and after this date the suppression no longer applies. */
  readonly expiresOn: string;
}
