import type { Rule } from "../rule";
import { WI401_AWS_ACCESS_KEY } from "./wi401-aws-access-key";
import { WI402_LOGIN_PROFILE } from "./wi402-login-profile";
import { WI403_VAULT_TOKEN } from "./wi403-vault-token";
import { WI404_APPROLE_SECRET_ID } from "./wi404-approle-secret-id";
import { WI405_VAULT_TOKEN_UNBOUNDED } from "./wi405-vault-token-unbounded";
import { WI406_SESSION_DURATION_ABOVE_POLICY } from "./wi406-session-duration-above-policy";
import { WI407_HARD_CODED_AWS_KEY } from "./wi407-hard-coded-aws-key";

/** The static rules, in id order. */
export const STATIC_RULES: readonly Rule[] = [
  WI401_AWS_ACCESS_KEY,
  WI402_LOGIN_PROFILE,
  WI403_VAULT_TOKEN,
  WI404_APPROLE_SECRET_ID,
  WI405_VAULT_TOKEN_UNBOUNDED,
  WI406_SESSION_DURATION_ABOVE_POLICY,
  WI407_HARD_CODED_AWS_KEY,
];
