import type { Rule } from "../rule";
import { WI201_NO_AUDIENCE_PIN } from "./wi201-no-audience-pin";
import { WI202_NO_SUBJECT_PIN } from "./wi202-no-subject-pin";
import { WI203_UNPINNED_SUBJECT } from "./wi203-unpinned-subject";
import { WI204_WILDCARD_UNDER_STRING_EQUALS } from "./wi204-wildcard-under-string-equals";
import { WI205_FOREIGN_CONDITION_KEY } from "./wi205-foreign-condition-key";
import { WI206_ANY_PRINCIPAL } from "./wi206-any-principal";
import { WI207_VAULT_NO_BOUND_AUDIENCES } from "./wi207-vault-no-bound-audiences";
import { WI208_VAULT_NO_SUBJECT_BINDING } from "./wi208-vault-no-subject-binding";
import { WI209_VAULT_GLOB_CLAIMS } from "./wi209-vault-glob-claims";
import { WI210_VAULT_SHARED_USER_CLAIM } from "./wi210-vault-shared-user-claim";
import { WI211_ISSUER_NOT_ALLOWED } from "./wi211-issuer-not-allowed";
import { WI212_MALFORMED_PROVIDER_ARN } from "./wi212-malformed-provider-arn";
import { WI213_AUDIENCE_NEVER_MATCHES } from "./wi213-audience-never-matches";
import { WI214_TRUST_UNKNOWN } from "./wi214-trust-unknown";

/** The trust rules, in id order. */
export const TRUST_RULES: readonly Rule[] = [
  WI201_NO_AUDIENCE_PIN,
  WI202_NO_SUBJECT_PIN,
  WI203_UNPINNED_SUBJECT,
  WI204_WILDCARD_UNDER_STRING_EQUALS,
  WI205_FOREIGN_CONDITION_KEY,
  WI206_ANY_PRINCIPAL,
  WI207_VAULT_NO_BOUND_AUDIENCES,
  WI208_VAULT_NO_SUBJECT_BINDING,
  WI209_VAULT_GLOB_CLAIMS,
  WI210_VAULT_SHARED_USER_CLAIM,
  WI211_ISSUER_NOT_ALLOWED,
  WI212_MALFORMED_PROVIDER_ARN,
  WI213_AUDIENCE_NEVER_MATCHES,
  WI214_TRUST_UNKNOWN,
];
