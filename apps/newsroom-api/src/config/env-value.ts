/** A setting's value trimmed, or undefined when unset or blank (a blank line in an env file sets nothing). */
export function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}
