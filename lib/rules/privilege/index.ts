import type { Rule } from "../rule";
import { WI501_WILDCARD_ACTION } from "./wi501-wildcard-action";
import { WI502_WILDCARD_RESOURCE_WRITE } from "./wi502-wildcard-resource-write";
import { WI503_PRIVILEGE_ESCALATION } from "./wi503-privilege-escalation";
import { WI504_UNKNOWN_ACTION } from "./wi504-unknown-action";
import { WI505_VAULT_SUDO } from "./wi505-vault-sudo";
import { WI506_VAULT_SYSTEM_PATH } from "./wi506-vault-system-path";
import { WI507_VAULT_BROAD_PATH } from "./wi507-vault-broad-path";
import { WI508_BROAD_MANAGED_POLICY } from "./wi508-broad-managed-policy";
import { WI509_UNKNOWN_POLICY } from "./wi509-unknown-policy";
import { WI510_WEB_IDENTITY_PERMISSION } from "./wi510-web-identity-permission";

/** The privilege rules, in id order. */
export const PRIVILEGE_RULES: readonly Rule[] = [
  WI501_WILDCARD_ACTION,
  WI502_WILDCARD_RESOURCE_WRITE,
  WI503_PRIVILEGE_ESCALATION,
  WI504_UNKNOWN_ACTION,
  WI505_VAULT_SUDO,
  WI506_VAULT_SYSTEM_PATH,
  WI507_VAULT_BROAD_PATH,
  WI508_BROAD_MANAGED_POLICY,
  WI509_UNKNOWN_POLICY,
  WI510_WEB_IDENTITY_PERMISSION,
];
