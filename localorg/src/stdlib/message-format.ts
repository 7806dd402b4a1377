/**
 * String.format: Apex treats the pattern "in the same manner as apex:outputText", i.e. java.text.MessageFormat
 * [doc: String.format, https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm].
 * Quoting follows MessageFormat: `'…'` quotes literally (so a lone apostrophe swallows the rest of the pattern's
 * placeholders), `''` is one apostrophe.
 */
import type { Value } from '../values/values.js';
import { isNumeric, toDecimal } from './native-args.js';
import { formatDecimalPattern, localeSymbols } from './number-format.js';
import { apexThrow, UnsupportedFeatureError } from '../values/errors.js';

export interface MessageFormatEnv {
  render(v: Value): string;
  locale: string;
}

export function messageFormat(pattern: string, args: readonly Value[], env: MessageFormatEnv): string {
  let out = '';
  let inQuote = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i++;
      } else inQuote = !inQuote;
      continue;
    }
    if (inQuote || c !== '{') {
      out += c;
      continue;
    }
    // A format element: {index[,type[,style]]}, with nested braces allowed in the style.
    let depth = 1;
    let j = i + 1;
    let elementQuote = false;
    for (; j < pattern.length && depth > 0; j++) {
      const d = pattern[j];
      if (d === "'") elementQuote = !elementQuote;
      else if (!elementQuote && d === '{') depth++;
      else if (!elementQuote && d === '}') depth--;
    }
    if (depth > 0) apexThrow('StringException', `Unmatched braces in the pattern: ${pattern}`);
    const element = pattern.slice(i + 1, j - 1);
    out += formatElement(element, args, env, pattern);
    i = j - 1;
  }
  return out;
}

function formatElement(element: string, args: readonly Value[], env: MessageFormatEnv, pattern: string): string {
  const comma = element.indexOf(',');
  const indexText = (comma < 0 ? element : element.slice(0, comma)).trim();
  if (!/^\d+$/.test(indexText)) {
    apexThrow('StringException', `can't parse argument number: ${indexText} in the pattern: ${pattern}`);
  }
  const index = Number(indexText);
  // MessageFormat leaves a placeholder without an argument as `{n}`.
  if (index >= args.length) return `{${index}}`;
  const v = args[index];
  if (comma < 0 || v === null) return v === null ? 'null' : env.render(v);
  const rest = element.slice(comma + 1);
  const c2 = rest.indexOf(',');
  const type = (c2 < 0 ? rest : rest.slice(0, c2)).trim().toLowerCase();
  const style = c2 < 0 ? '' : rest.slice(c2 + 1).trim();
  if (type === 'number' && isNumeric(v)) {
    const sym = localeSymbols(env.locale);
    const d = toDecimal(v);
    switch (style.toLowerCase()) {
      case '':
        return formatDecimalPattern(d, '#,##0.###', sym);
      case 'integer':
        return formatDecimalPattern(d, '#,##0', sym);
      case 'percent':
        return formatDecimalPattern(d, '#,##0%', sym);
      case 'currency':
        return formatDecimalPattern(d, '\u00a4#,##0.00', sym);
      default:
        return formatDecimalPattern(d, style, sym);
    }
  }
  // MessageFormat refuses a String where a number or date is due; Apex callers usually pass Strings here
  // [third-party: https://salesforce.stackexchange.com/questions/38643].
  if (type === 'number') apexThrow('StringException', 'Cannot format given Object as a Number');
  if ((type === 'date' || type === 'time') && typeof v === 'string') {
    apexThrow('StringException', 'Cannot format given Object as a Date');
  }
  throw new UnsupportedFeatureError(
    `String.format element {${element}} (format type "${type}") is not supported by localorg`
  );
}
