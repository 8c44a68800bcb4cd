import { join } from "node:path";

/**
 * The project's shared folder (corpus, schemas) sits beside the checkout, in development and in
 * CI's fresh clone alike; never an absolute path.
 */
export const SHARED_DIR = join(__dirname, "..", "..", "..", "shared");
export const CORPUS_DIR = join(SHARED_DIR, "corpus");
export const SARIF_SCHEMA_FILE = join(SHARED_DIR, "schemas", "sarif-schema-2.1.0.json");
