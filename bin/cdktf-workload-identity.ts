#!/usr/bin/env node
import { useCliCompileBudget } from "../lib/cli/compile-budget";
import { main } from "../lib/cli/main";

useCliCompileBudget();
process.exitCode = main(process.argv.slice(2));
