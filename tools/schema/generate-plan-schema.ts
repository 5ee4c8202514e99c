import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

/** Generates schemas/plan.schema.json from the PlanFile type, so the schema cannot drift from the code. */
export function planSchema(projectRoot: string): Record<string, unknown> {
  const schema = createGenerator({
    path: path.join(projectRoot, 'src/pipeline/plan-file.ts'),
    tsconfig: path.join(projectRoot, 'tsconfig.json'),
    type: 'PlanFile',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('PlanFile');
  return { $id: 'https://perfplan.dev/schemas/plan.schema.json', title: 'perfplan plan.json', ...schema };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const target = path.join(root, 'schemas', 'plan.schema.json');
  fs.writeFileSync(target, `${JSON.stringify(planSchema(root), null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
