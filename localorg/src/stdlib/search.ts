/**
 * Dynamic SOSL: `Search.query(text)` → `List<List<SObject>>`, `Search.find(text)` → `Search.SearchResults`, whose
 * `get(objectName)` gives `Search.SearchResult`s (`getSObject`, `getSnippet`) [doc: Search Class, SearchResults
 * Class, SearchResult Class]. Both run as inline `[FIND …]` does (see data/soql/search.ts), fixed results in tests
 * included.
 */
import { ApexEnumValue, ApexList, NativeObject, typeRef, type SObject, type Value } from '../values/values.js';
import { searchFixture, NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { parseSoslText } from '../syntax/soql/sosl-lower.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { argString } from './native-args.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** The lists of a search, one per RETURNING object, with each list's object name. */
interface SearchResultsState {
  lists: { object: string; rows: SObject[] }[];
}

function run(ctx: NativeContext, args: Value[]): ApexList {
  const level = args.find((a): a is ApexEnumValue => a instanceof ApexEnumValue && a.enumType === 'system.accesslevel');
  const query = parseSoslText(argString(args, 0), (e) => ctx.lowerBindExpression(e), {
    line: ctx.currentLine(),
    column: 1
  });
  const access = ctx.dataAccess(level ? (level.name === 'USER_MODE' ? 'user' : 'system') : null);
  const result = ctx.platform.search(query, (b) => ctx.evaluateInCallerScope(b), {
    fixedResults: searchFixture(ctx),
    access
  });
  return result as ApexList;
}

natives.defineClass({
  name: 'Search',
  statics: {
    query: (ctx, args) => run(ctx, args),
    find(ctx, args) {
      const lists = run(ctx, args).items.map((l) => {
        const list = l as ApexList;
        return { object: list.elementType.display, rows: list.items as SObject[] };
      });
      return new NativeObject<SearchResultsState>('search.searchresults', { lists });
    },
    suggest: (_ctx, args) => unsupported('Search', 'suggest', args)
  }
});

natives.defineClass({
  name: 'Search.SearchResults',
  instance: {
    get(_ctx, args, self) {
      const name = argString(args, 0).toLowerCase();
      const { lists } = (self as NativeObject<SearchResultsState>).state;
      const found = lists.find((l) => l.object.toLowerCase() === name);
      if (!found) {
        return apexThrow('SearchException', `${argString(args, 0)} is not an object in the search's RETURNING clause`);
      }
      const results = found.rows.map((row) => new NativeObject('search.searchresult', row));
      return new ApexList(typeRef('Search.SearchResult'), results);
    }
  }
});

natives.defineClass({
  name: 'Search.SearchResult',
  instance: {
    getsobject: (_ctx, _args, self) => (self as NativeObject<SObject>).state,
    // Snippets come from WITH SNIPPET's highlighting of the search index; localorg has none to show [mem].
    getsnippet: () => null
  }
});
