import type { RuleResult } from "../../model/finding";
import type { Rule } from "../rule";
import { ROLE_ACCESS_CHANGING_ACTIONS, assumeGraph } from "../../analysis/aws-role-reach";
import { LAUNCHING_SERVICES } from "../../analysis/pass-role-launch";
import { edgesByGrant, mergedGrants } from "../../analysis/grant-edges";
import { quoteIdentity } from "../../analysis/identity-pairs";
import { quote } from "../../analysis/quote";
import { groupLocations, identitiesOf, quoteIdentityList } from "../../analysis/shared-groups";
import type { BecomeEdge, RoleGrant } from "../../analysis/aws-role-reach";

/** How a finding words what a grant lets its holder do to the roles it reaches. */
interface Wording {
  /** Before `role R of identity T`: `change`, `pass`. */
  readonly verb: string;
  /** After the grant (`through A on R`): ` to SERVICES`, or nothing. */
  readonly means: string;
  /** The ending for one role and for several: `and so become it` / `... them`. */
  readonly consequence: readonly [string, string];
  /** Leads the finding's key (none for changes, whose keys predate passed roles). */
  readonly keyPrefix: readonly string[];
}

function wordingOf(group: readonly BecomeEdge[]): Wording {
  if (group[0].reason !== "pass-role")
    return {
      verb: "change",
      means: "",
      consequence: ["and so become it", "and so become them"],
      keyPrefix: [],
    };
  return {
    verb: "pass",
    means: ` to ${launchesText(group)}`,
    consequence: ["and so run code as it", "and so run code as them"],
    keyPrefix: ["pass-role"],
  };
}

/** `service (action, action)` for each service the group's roles are passed to, each once. */
function launchesText(group: readonly BecomeEdge[]): string {
  const seen = new Map<string, string>();
  for (const { launch } of group) {
    if (launch && !seen.has(launch.service))
      seen.set(launch.service, `${quote(launch.service)} (${launch.actions.map(quote).join(", ")})`);
  }
  return [...seen.values()].join(", ");
}

/**
 * One finding per grant changing other identities' roles, or passing them to a service that runs
 * the holder's code: a grant reaching one role reads as the pair finding it was; one reaching
 * several names them all; alike grants of several identities that reach each other's roles are
 * one finding.
 */
function takeoverResult(group: BecomeEdge[]): RuleResult {
  const { verb, means, consequence, keyPrefix } = wordingOf(group);
  const grant = group[0].grant as RoleGrant;
  const via = `${grant.actions.map((action) => quote(action)).join(", ")} on ${quote(grant.resource)}${means}`;
  const sources = identitiesOf(group.map((edge) => ({ identity: edge.from })));
  const targets = identitiesOf(group.map((edge) => ({ identity: edge.target.identity })));
  if (group.length === 1) {
    const [{ from, target, location }] = group;
    const arn = target.arnPattern ?? target.role.location.address;
    return {
      message:
        `Identity ${quoteIdentity(from)} can ${verb} role ${quote(arn)} of identity ` +
        `${quoteIdentity(target.identity)} through ${via}, ${consequence[0]}.`,
      location,
      related: [target.role.location],
      identityIds: [from.id, target.identity.id],
      key: JSON.stringify([
        ...keyPrefix,
        grant.resource,
        target.role.location.stack ?? "",
        target.role.location.address,
      ]),
    };
  }
  const everyone = identitiesOf([...sources, ...targets].map((identity) => ({ identity })));
  const { location, related } = groupLocations(
    [
      ...group.map((edge) => ({ identity: edge.from, at: edge.location })),
      ...group.map((edge) => ({ identity: edge.target.identity, at: edge.target.role.location })),
    ],
    (entry) => entry.at,
    "across",
  );
  // One holder: the finding is on its grant, relating the roles it reaches.
  const single = sources.length === 1;
  const message = single
    ? `Identity ${quoteIdentity(sources[0])} can ${verb} the roles of ${targets.length} identities through ${via}, ` +
      `${consequence[1]}: ${quoteIdentityList(targets)}.`
    : `${sources.length} identities can each ${verb} the roles of the others among ${everyone.length} identities ` +
      `through ${via}, ${consequence[1]}: ${quoteIdentityList(everyone)}.`;
  return {
    message,
    location: single ? group[0].location : location,
    related: single
      ? [...group]
          .sort((x, y) => (x.target.identity.id < y.target.identity.id ? -1 : 1))
          .map((edge) => edge.target.role.location)
      : related,
    identityIds: single ? [sources[0].id, ...targets.map((t) => t.id)] : everyone.map((i) => i.id),
    key: JSON.stringify([...keyPrefix, grant.resource, single ? "group" : "shared"]),
  };
}

export const WI308_AWS_ROLE_TAKEOVER: Rule = {
  id: "WI308",
  title: "An identity can change, or pass to a service, another identity's AWS role",
  severity: "error",
  rationale:
    "Permission to rewrite another role's trust policy or to add policies to it is permission to become " +
    "that role or to make it reach anything, and permission to pass it to a service the first workload can " +
    "make run code is permission to run code as it: a compromise of the first workload takes over the " +
    "second, and what the second then does is attributed to it.",
  fix:
    "Remove iam:UpdateAssumeRolePolicy, iam:PutRolePolicy and iam:AttachRolePolicy on other identities' roles " +
    "(and on `*`), and scope iam:PassRole to the workload's own roles (with an iam:PassedToService condition); " +
    "if one workload must administer another's role, record an approved suppression for WI308 " +
    "(reason, approver, expiry).",
  owasp: ["NHI5", "NHI9"],
  semantics: [
    `The actions ${ROLE_ACCESS_CHANGING_ACTIONS.map((a) => `\`${a}\``).join(", ")} on a resource matching another identity's role ARN (exact pattern algebra; \`\${aws_iam_role.x.arn}\` references resolve to the role) make the caller able to become that role: the edge joins the assume graph, so WI302 and WI305 count what the role reaches as the caller's reach (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html).`,
    `\`iam:PassRole\` on another identity's role, when the caller may also make a service that the role's trust admits run code (${LAUNCHING_SERVICES.map((service) => `\`${service}\``).join(", ")}: create and invoke a function, run an instance or a task, start a job, build, stack, notebook, pipeline or state machine), lets the caller run code as that role: the same edge. A \`StringEquals\` or \`StringLike\` condition on \`iam:PassedToService\` none of whose values names the service removes it; the launching actions' own conditions and Denies are not subtracted, and a trust that is unknown or admits everyone admits every service (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService, https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/).`,
    `\`iam:CreatePolicyVersion\` and \`iam:SetDefaultPolicyVersion\` on a customer-managed policy attached to another identity's role (by ARN pattern, or \`\${aws_iam_policy.x.arn}\`) rewrite what that role may do, as \`iam:PutRolePolicy\` does, and make the same edge (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).`,
  ],
  check({ graph }) {
    const changes = assumeGraph(graph).edges.filter(
      (edge) => edge.reason === "change-access" || edge.reason === "pass-role",
    );
    return mergedGrants(edgesByGrant(changes)).map(takeoverResult);
  },
};
