/**
 * `System.Label`: `Label.X` / `System.Label.X` read a custom label in the running user's language;
 * `Label.get(namespace, name[, language])` and `Label.translationExists(namespace, name, language)` look labels up by
 * name at run time [doc: Apex Reference, Label Class]. The org has no namespace, so the namespace is null, empty or `c`.
 */
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import type { Value } from '../values/values.js';
import type { CustomLabel } from '../data/custom-labels.js';
import { npeArgument, optString } from './native-args.js';
import { orgOf } from './data-org.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const ownNamespace = (ns: string | null) => ns === null || ns === '' || ns.toLowerCase() === 'c';

/** The label `args[1]` of namespace `args[0]`; a missing one is an error naming it. */
function labelOf(ctx: NativeContext, args: Value[]): CustomLabel {
  const ns = optString(args, 0);
  const name = optString(args, 1);
  if (name === null) return npeArgument();
  const label = ownNamespace(ns) ? orgOf(ctx).customLabels.get(name) : undefined;
  if (!label) return apexThrow('NoSuchElementException', `Custom label not found: ${ns ? `${ns}.` : ''}${name}`);
  return label;
}

natives.defineClass({
  name: 'System.Label',
  statics: {
    get(ctx, args) {
      const label = labelOf(ctx, args);
      const language = args.length > 2 ? optString(args, 2) : ctx.user.language;
      return orgOf(ctx).customLabels.valueIn(label, language);
    },
    translationexists(ctx, args) {
      const language = optString(args, 2);
      if (language === null) return npeArgument();
      return orgOf(ctx).customLabels.hasLanguage(labelOf(ctx, args), language);
    }
  },
  dynamicStaticProp(ctx, name) {
    const labels = orgOf(ctx).customLabels;
    const label = labels.get(name);
    return label ? labels.valueIn(label, ctx.user.language) : undefined;
  }
});
