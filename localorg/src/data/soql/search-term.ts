/**
 * A SOSL search term as a predicate over a record's searched texts. localorg's text match is simple next to the
 * platform's search index (no stemming, synonyms or relevance): words match whole words case-insensitively, `*`
 * stands for any run of letters or digits and `?` for one [doc: FIND SearchQuery wildcards]; `"a phrase"` matches
 * its words in order; words are all required, `OR` separates alternatives and `AND NOT`/`NOT` excludes a word
 * [doc: FIND SearchQuery operators].
 */

/** Whether some searched text of a record satisfies the term. */
export type TermMatcher = (texts: string[]) => boolean;

interface Alternative {
  required: RegExp[];
  excluded: RegExp[];
}

export function searchTermMatcher(term: string): TermMatcher {
  const alternatives = parse(term);
  return (texts) => {
    const found = (re: RegExp): boolean => texts.some((t) => re.test(t));
    return alternatives.some((a) => a.required.every(found) && !a.excluded.some(found));
  };
}

/** Words and quoted phrases; the operators are upper-case words [mem]. */
function tokens(term: string): string[] {
  return term.match(/"[^"]*"|[^\s()"]+/g) ?? [];
}

function parse(term: string): Alternative[] {
  const out: Alternative[] = [{ required: [], excluded: [] }];
  let negate = false;
  for (const tok of tokens(term)) {
    if (tok === 'OR') {
      out.push({ required: [], excluded: [] });
      continue;
    }
    if (tok === 'AND') continue;
    if (tok === 'NOT') {
      negate = true;
      continue;
    }
    const re = wordPattern(tok.startsWith('"') ? tok.slice(1, -1) : tok);
    if (re) (negate ? out[out.length - 1].excluded : out[out.length - 1].required).push(re);
    negate = false;
  }
  return out.filter((a) => a.required.length > 0);
}

const WORD = '[\\p{L}\\p{N}]';

function wordPattern(text: string): RegExp | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const body = words
    .map((w) =>
      [...w].map((c) => (c === '*' ? `${WORD}*` : c === '?' ? WORD : c.replace(/[.+^${}()|[\]\\-]/g, '\\$&'))).join('')
    )
    .join('\\s+');
  return new RegExp(`(?<!${WORD})${body}(?!${WORD})`, 'iu');
}
