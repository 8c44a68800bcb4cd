// The jsii entry (see jsii/README.md): the library's construct API, compiled from its own sources.
// The engine, the CLI and the validation error classes (jsii cannot model subclasses of Error) stay
// TypeScript-only.
export * from "../lib/construct-api";
