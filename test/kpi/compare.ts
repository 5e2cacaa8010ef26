// Compares two KPI bodies field by field: counts and nulls exactly, fractions to 1e-9.
export function differences(actual: unknown, expected: unknown, path = ''): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const same = Number.isInteger(expected) && Number.isInteger(actual) ? actual === expected : Math.abs(actual - expected) <= 1e-9;
    return same ? [] : [`${path}: warehouse ${actual} ≠ source ${expected}`];
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const out: string[] = [];
    for (const key of Object.keys(expected)) {
      out.push(...differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], path ? `${path}.${key}` : key));
    }
    return out;
  }
  return actual === expected ? [] : [`${path}: warehouse ${JSON.stringify(actual)} ≠ source ${JSON.stringify(expected)}`];
}
