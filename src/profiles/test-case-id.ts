/**
 * Test case ids become k6 scenario names, Locust class names and JMeter element names:
 * keep them to [A-Za-z0-9_-], short, and unique within the plan.
 */
export function makeTestCaseId(prefix: string, operationId: string, taken: Set<string>): string {
  const base = `${prefix}_${operationId.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '')}`.slice(0, 80) || prefix;
  let id = base;
  for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base}_${n}`;
  taken.add(id.toLowerCase());
  return id;
}
