/**
 * Lists the import cycles of the server: between folders of src/server (a top-level file is its own
 * node), once for runtime imports and once for all imports (type-only ones included), and between
 * files for runtime imports. Each arrow inside a cycle is shown with one file that makes it.
 * test/server/import-cycles.test.ts fails on any runtime cycle; this script shows the rest too.
 *   npx tsx scripts/import-cycles.ts
 */
import { cycles, folderOf, graphOf, serverImports, shortName, twoWayPairs, type Graph } from './import-graph';

function report(title: string, graph: Graph): void {
  const components = cycles(graph);
  const pairs = twoWayPairs(graph);
  console.log(`\n## ${title}: ${components.length} cycle(s), ${pairs.length} two-way pair(s)`);
  components.forEach((component, i) => {
    console.log(`\n${i + 1}. ${component.join(', ')}`);
    for (const a of component) {
      for (const [b, example] of graph.get(a)!) if (component.includes(b)) console.log(`   ${a} → ${b}   (${example})`);
    }
  });
  if (pairs.length > 0) console.log(`\ntwo-way pairs: ${pairs.join('; ')}`);
}

const imports = serverImports();
const runtime = imports.filter((i) => i.runtime);
report('Folders, runtime imports', graphOf(runtime, folderOf));
report('Folders, all imports (type-only included)', graphOf(imports, folderOf));
report('Files, runtime imports', graphOf(runtime, shortName));
