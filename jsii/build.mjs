// `npm run jsii`: compiles the constructs with jsii into jsii/.jsii (the assembly) and generates the
// Python and Go packages with jsii-pacmak (source code only: building a wheel or a Go module needs
// package indexes this build does not assume). Run from the repository root or from jsii/.
//
// jsii/package.json describes the same library as the root package.json (same name and version, so
// the library's own sources are this assembly's types); the fields both carry are copied from the
// root here, so the root stays the one place they are written. The runtime dependencies that are not
// jsii modules are bundled into the package, as jsii requires, copied from the root's node_modules.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

const rootManifest = readJson(join(root, "package.json"));
const manifestPath = join(here, "package.json");
const manifest = readJson(manifestPath);
// jsii modules (the core and constructs) stay peers; everything else the library needs at run time is bundled.
const JSII_PEERS = ["cdktf", "constructs"];
const synced = {
  ...manifest,
  name: rootManifest.name,
  version: rootManifest.version,
  license: rootManifest.license,
  peerDependencies: Object.fromEntries(JSII_PEERS.map((name) => [name, rootManifest.peerDependencies[name]])),
  dependencies: rootManifest.dependencies,
  bundleDependencies: Object.keys(rootManifest.dependencies),
};
if (JSON.stringify(synced) !== JSON.stringify(manifest)) {
  writeFileSync(manifestPath, `${JSON.stringify(synced, null, 2)}\n`);
  console.log("jsii/package.json updated from the root package.json: commit it");
  // In CI the committed file must already agree (the test comparing the two runs after this build).
  if (process.env.CI) process.exit(1);
}

rmSync(join(here, "node_modules"), { recursive: true, force: true });
for (const name of synced.bundleDependencies) {
  cpSync(join(root, "node_modules", name), join(here, "node_modules", name), {
    recursive: true,
    dereference: true,
  });
}
cpSync(join(root, "LICENSE"), join(here, "LICENSE"));
rmSync(join(here, "dist"), { recursive: true, force: true });
rmSync(join(here, "dist-lang"), { recursive: true, force: true });

const bin = (name) => join(root, "node_modules", ".bin", name);
function run(name, args) {
  const start = Date.now();
  execFileSync(bin(name), args, { cwd: here, stdio: "inherit" });
  console.log(`${name}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
}
// jsii asks for a devDependency on each peer at the range's lowest version; this package installs
// nothing itself (it compiles against the root's node_modules, which pin the versions developed on).
run("jsii", ["--fail-on-warnings", "--silence-warnings", "metadata/missing-dev-dependency"]);
run("jsii-pacmak", ["--code-only", "--targets", "python", "go"]);
