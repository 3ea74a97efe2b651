/**
 * A benchmark knob from the environment: `fallback` when unset or blank, else a whole number of
 * at least `minimum` (digits may be grouped: `10_000`), or a clear error naming the variable.
 */
export function wholeFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < minimum)
    throw new Error(`${name} must be a whole number ≥ ${minimum}, got "${value}"`);
  return parsed;
}
