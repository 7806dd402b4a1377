/**
 * Visualforce references offline: `Page.X` is a PageReference to `/apex/X` for each page of the project (its
 * `ApexPage` setup row; a name the project lacks does not exist), and `Test.setCurrentPage(ref)` /
 * `Test.setCurrentPageReference(ref)` set what the prelude's `ApexPages.currentPage()` answers for the rest of the
 * test method (`LocalorgPages.current()`). No page is rendered: outside tests there is no current page.
 */
import { NativeDefinitions, type NativeContext, type NativeMethod } from '../runtime/natives.js';
import { unsupported } from '../values/errors.js';
import { ApexObject, type Value } from '../values/values.js';
import { orgOf } from './data-org.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const CURRENT_PAGE = 'currentPage';

natives.defineClass({
  name: 'System.Page',
  dynamicStaticProp(ctx, name) {
    const wanted = name.toLowerCase();
    for (const row of orgOf(ctx).store.rows('apexpage')) {
      const pageName = row.get('Name');
      if (typeof pageName === 'string' && pageName.toLowerCase() === wanted) {
        return ctx.newObject('PageReference', [`/apex/${pageName}`]);
      }
    }
    return undefined;
  }
});

natives.defineClass({
  name: 'LocalorgPages',
  statics: {
    current: (ctx) => (ctx.testState[CURRENT_PAGE] as Value | undefined) ?? null
  }
});

/** `Test.setCurrentPage(ref)` and `Test.setCurrentPageReference(ref)`: the page the rest of the test method is on. */
export function setCurrentPage(name: string): NativeMethod {
  return (ctx: NativeContext, args: Value[]) => {
    const ref = args[0];
    if (args.length !== 1 || (ref !== null && !(ref instanceof ApexObject))) return unsupported('Test', name, args);
    ctx.testState[CURRENT_PAGE] = ref;
    return null;
  };
}
