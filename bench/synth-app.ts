/**
 * One measured synth, run in its own process by bench/whole-app.ts:
 *   node dist/bench/synth-app.js ours|hand IDENTITIES STACKS OUTDIR
 * Prints the number of findings of the synth-time evaluation (ours; -1 for the hand-written app).
 */
import { synthHandWritten, synthOurs } from "./apps";

const [variant, identities, stacks, outdir] = process.argv.slice(2);
if (variant === "ours") console.log(synthOurs(outdir, Number(identities), Number(stacks)));
else {
  synthHandWritten(outdir, Number(identities), Number(stacks));
  console.log(-1);
}
