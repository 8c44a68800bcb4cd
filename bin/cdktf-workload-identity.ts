#!/usr/bin/env node
import { main } from "../lib/cli/main";

process.exitCode = main(process.argv.slice(2));
