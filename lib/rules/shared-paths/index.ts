import type { Rule } from "../rule";
import { WI301_SHARED_VAULT_PATH } from "./wi301-shared-vault-path";
import { WI302_SHARED_AWS_SECRET } from "./wi302-shared-aws-secret";
import { WI303_SAME_TOKEN } from "./wi303-same-token";
import { WI304_SHARED_ROLE } from "./wi304-shared-role";
import { WI305_ROLE_CHAINING } from "./wi305-role-chaining";
import { WI306_UNKNOWN_INPUT } from "./wi306-unknown-input";
import { WI307_VAULT_TAKEOVER } from "./wi307-vault-takeover";
import { WI308_AWS_ROLE_TAKEOVER } from "./wi308-aws-role-takeover";

/** The shared rules, in id order. */
export const SHARED_RULES: readonly Rule[] = [
  WI301_SHARED_VAULT_PATH,
  WI302_SHARED_AWS_SECRET,
  WI303_SAME_TOKEN,
  WI304_SHARED_ROLE,
  WI305_ROLE_CHAINING,
  WI306_UNKNOWN_INPUT,
  WI307_VAULT_TAKEOVER,
  WI308_AWS_ROLE_TAKEOVER,
];
