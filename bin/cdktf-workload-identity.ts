#!/usr/bin/env node
import { useCliCompileBudget } from "../lib/model/run-once-compilation";
import { main } from "../lib/cli/main";

useCliCompileBudget();
process.exitCode = main(process.argv.slice(2));
