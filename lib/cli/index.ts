export { main, EXIT_BLOCKING, EXIT_ERROR, EXIT_OK } from "./main";
export type { CliIo } from "./cli-io";
