// Parses a YAML file with the `yaml` package (installed by ComposeFileFixture) and prints it as JSON.
// usage: node compose-to-json.mjs <folder holding node_modules/yaml> <file.yml>
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [modulesRoot, file] = process.argv.slice(2);
const YAML = createRequire(join(modulesRoot, 'package.json'))('yaml');
// merge: docker compose resolves `<<:` merge keys (YAML 1.1), which the 1.2 core schema leaves off by default.
const doc = YAML.parseDocument(readFileSync(file, 'utf8'), { merge: true, uniqueKeys: true });
if (doc.errors.length > 0 || doc.warnings.length > 0) {
  for (const problem of [...doc.errors, ...doc.warnings]) console.error(problem.message);
  process.exit(1);
}
process.stdout.write(JSON.stringify(doc.toJS({ maxAliasCount: 100 })));
