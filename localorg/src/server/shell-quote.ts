/**
 * POSIX shell quoting for the commands the banner prints: single quotes, so that a token's `!` (the `<org id>!<token>`
 * shape) is not history-expanded by an interactive bash, and any `'` inside is closed, escaped and reopened.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
