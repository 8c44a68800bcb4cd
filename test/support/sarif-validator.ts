import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { SARIF_SCHEMA_FILE } from "./fixture-paths";

/** Validates against the OASIS SARIF 2.1.0 schema as published (JSON Schema draft-04). */
export function sarifValidator(): (data: unknown) => void {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = ajv.compile(schema);
  return (data) => {
    if (!compiled(data)) throw new Error(JSON.stringify(compiled.errors, null, 2));
  };
}
