import { join } from "node:path";

/**
 * Files the tests read that were written by others (the real-world corpus, the SARIF schema),
 * copied into the checkout with their SOURCE.txt, so a plain clone tests itself.
 */
const FIXTURES_DIR = join(__dirname, "..", "fixtures");
export const CORPUS_DIR = join(FIXTURES_DIR, "corpus");
export const SARIF_SCHEMA_FILE = join(FIXTURES_DIR, "schemas", "sarif-schema-2.1.0.json");
