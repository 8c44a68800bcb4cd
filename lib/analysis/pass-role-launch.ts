/**
 * Becoming a role by passing it to a service: `iam:PassRole` on a role lets the caller hand it to
 * an AWS service, which then runs what the caller asked for with the role's credentials
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html). The service must
 * be able to assume the role (its trust admits the service principal), and the caller must be
 * allowed to make the service run something: create a function and invoke it, launch an instance,
 * run a task. Each service's actions that take a role are listed with "iam:PassRole" as a
 * dependent action in the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
 * the combinations below are the published privilege-escalation paths through them
 * (https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/).
 */
import type { AwsRole, Identity, IdentityGraph } from "../model/graph";
import type { PolicyCondition, PolicyStatement } from "../model/iam-policy";
import { hasInterpolation, isUnknown } from "../model/unknown";
import { globMatchesIgnoreCase } from "../pattern/glob";
import { AnalysisMemo } from "./analysis-memo";
import { PrincipalDirectory } from "./principal-directory";
import { allowsAction } from "./statement-actions";

export const PASS_ROLE = "iam:PassRole";

/**
 * One way to run code as a role passed to `service`: every step needs one of its actions (a
 * function is created, then invoked or given an event source).
 */
interface LaunchPath {
  readonly service: string;
  readonly steps: readonly (readonly string[])[];
}

const LAUNCH_PATHS: readonly LaunchPath[] = [
  {
    service: "lambda.amazonaws.com",
    steps: [
      ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"],
      ["lambda:InvokeFunction", "lambda:CreateEventSourceMapping"],
    ],
  },
  { service: "ec2.amazonaws.com", steps: [["ec2:RunInstances"]] },
  {
    service: "ecs-tasks.amazonaws.com",
    steps: [["ecs:RegisterTaskDefinition"], ["ecs:RunTask", "ecs:StartTask", "ecs:CreateService"]],
  },
  { service: "glue.amazonaws.com", steps: [["glue:CreateDevEndpoint"]] },
  {
    service: "glue.amazonaws.com",
    steps: [
      ["glue:CreateJob", "glue:UpdateJob"],
      ["glue:StartJobRun", "glue:CreateTrigger"],
    ],
  },
  {
    service: "cloudformation.amazonaws.com",
    steps: [["cloudformation:CreateStack", "cloudformation:UpdateStack"]],
  },
  {
    service: "cloudformation.amazonaws.com",
    steps: [["cloudformation:CreateChangeSet"], ["cloudformation:ExecuteChangeSet"]],
  },
  {
    service: "codebuild.amazonaws.com",
    steps: [
      ["codebuild:CreateProject", "codebuild:UpdateProject"],
      ["codebuild:StartBuild", "codebuild:StartBuildBatch"],
    ],
  },
  {
    service: "sagemaker.amazonaws.com",
    steps: [["sagemaker:CreateNotebookInstance"], ["sagemaker:CreatePresignedNotebookInstanceUrl"]],
  },
  {
    service: "sagemaker.amazonaws.com",
    steps: [["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob"]],
  },
  {
    service: "datapipeline.amazonaws.com",
    steps: [["datapipeline:CreatePipeline"], ["datapipeline:PutPipelineDefinition"]],
  },
  {
    service: "states.amazonaws.com",
    steps: [
      ["states:CreateStateMachine", "states:UpdateStateMachine"],
      ["states:StartExecution", "states:StartSyncExecution"],
    ],
  },
];

/** The service principals of the catalog, for the semantics the rule documents. */
export const LAUNCHING_SERVICES: readonly string[] = [...new Set(LAUNCH_PATHS.map((path) => path.service))];

/** A service the caller can make run code, and the actions by which it does. */
export interface Launch {
  readonly service: string;
  readonly actions: readonly string[];
}

const LAUNCHES = new AnalysisMemo<IdentityGraph, Map<Identity, readonly Launch[]>>();

/**
 * The services `identity` can make run code, each once (the first of its paths the identity's
 * Allow statements complete). Conditions and Denies on these actions are not subtracted: a path
 * they may close is still reported (an over-approximation, never a silent pass).
 */
export function launchesOf(identity: Identity, graph: IdentityGraph): readonly Launch[] {
  let byIdentity = LAUNCHES.get(graph);
  if (!byIdentity) LAUNCHES.set(graph, (byIdentity = new Map()));
  let launches = byIdentity.get(identity);
  if (launches === undefined) byIdentity.set(identity, (launches = findLaunches(identity, graph)));
  return launches;
}

function findLaunches(identity: Identity, graph: IdentityGraph): readonly Launch[] {
  const statements: PolicyStatement[] = [];
  for (const held of PrincipalDirectory.of(graph).awsPoliciesOf(identity)) {
    if (!isUnknown(held.policy.document)) statements.push(...held.policy.document.statements);
  }
  const allowed = (action: string) => statements.some((statement) => allowsAction(statement, action));
  const launches: Launch[] = [];
  for (const path of LAUNCH_PATHS) {
    if (launches.some((launch) => launch.service === path.service)) continue;
    const actions: string[] = [];
    for (const step of path.steps) {
      const action = step.find(allowed);
      if (action === undefined) break;
      actions.push(action);
    }
    if (actions.length === path.steps.length) launches.push({ service: path.service, actions });
  }
  return launches;
}

/**
 * The services a role's trust lets assume it, by name (`lambda` for `lambda.amazonaws.com`, and
 * for the `.amazonaws.com.cn` of the China regions); `everyService` when a trust that is unknown
 * or admits everyone (`"*"`) may let any of them.
 */
export function trustedServices(role: AwsRole): { everyService: boolean; services: readonly string[] } {
  const trust = role.trust;
  if (isUnknown(trust)) return { everyService: true, services: [] };
  const services: string[] = [];
  let everyService = false;
  for (const statement of trust.statements) {
    if (!allowsAction(statement, "sts:AssumeRole")) continue;
    if (statement.notPrincipals.length > 0) everyService = true;
    for (const principal of statement.principals) {
      if (principal.type === "*") everyService = true;
      else if (principal.type === "Service")
        for (const value of principal.values) {
          if (value === "*") everyService = true;
          else services.push(serviceName(value));
        }
      else if (principal.type === "AWS" && principal.values.includes("*")) everyService = true;
    }
  }
  return { everyService, services };
}

/** `lambda` for `lambda.amazonaws.com`: a service principal's first label, lower-cased. */
export function serviceName(principal: string): string {
  return principal.toLowerCase().split(".")[0];
}

/**
 * True unless the statement's `iam:PassedToService` condition certainly keeps the role from
 * `service` (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService):
 * a `StringEquals` or `StringLike` test (without `IfExists`) none of whose values matches it.
 * Other operators, other keys and values known only after apply may let it through.
 */
export function passableTo(statement: PolicyStatement, service: string): boolean {
  return statement.conditions.every((condition) => !excludesService(condition, service));
}

function excludesService(condition: PolicyCondition, service: string): boolean {
  if (condition.key.toLowerCase() !== "iam:passedtoservice") return false;
  if (condition.values.some(hasInterpolation)) return false;
  const operator = condition.operator.toLowerCase();
  // The China regions' principals end `.amazonaws.com.cn`.
  const principals = [service, `${service}.cn`];
  if (operator === "stringequals" || operator === "stringequalsignorecase")
    return !condition.values.some((value) => principals.includes(value.toLowerCase()));
  if (operator === "stringlike")
    return !condition.values.some((value) => principals.some((p) => globMatchesIgnoreCase(value, p)));
  return false;
}
