/**
 * A Rollup plugin that supplies the modules the Salesforce platform provides to components at run time: the LWC
 * engine itself (one version, see toolchain.ts), `@salesforce/apex/*`, `@salesforce/label/c.*`, `@salesforce/user/*`,
 * `@salesforce/i18n/*` (the running user's locale and time zone, shared with the base components), `@salesforce/schema/*`,
 * `@salesforce/resourceUrl/*`, `@salesforce/customPermission/*`, and the `lightning/*` modules the base components do not
 * ship (toast events, navigation, uiRecordApi, uiRelatedListApi). Each is a few lines generated here or a small file under client/lib.
 */
import path from 'node:path';
import type { Plugin } from 'rollup';
import type { Toolchain } from './toolchain.js';

export const ENTRY_ID = 'localorg:entry';
const VIRTUAL = '\0localorg:';

/** `@salesforce/i18n/*` keys that follow the running user; the rest keep the base components' en-US defaults. */
const USER_I18N: Record<string, string> = {
  locale: 'locale',
  lang: 'lang',
  timeZone: 'timeZone',
  currency: 'currency'
};

/** `lightning/*` modules that the platform provides but lightning-base-components does not ship. */
const LIGHTNING_SHIMS: Record<string, string> = {
  'lightning/platformShowToastEvent': 'platformShowToastEvent.js',
  'lightning/navigation': 'navigation.js',
  'lightning/uiRecordApi': 'uiRecordApi.js',
  'lightning/uiRelatedListApi': 'uiRelatedListApi.js'
};

export interface PlatformModulesOptions {
  toolchain: Toolchain;
  /** Project bundles by name → entry file; imported as `c/<name>`. */
  bundles: Map<string, string>;
  labels: Map<string, string>;
}

const js = (value: unknown): string => JSON.stringify(value);

export function platformModules(options: PlatformModulesOptions): Plugin {
  const { toolchain } = options;
  const lib = (file: string): string => path.join(toolchain.clientDir, 'lib', file);
  const bootFile = lib('boot.js');
  return {
    name: 'localorg-platform-modules',
    async resolveId(id, importer) {
      if (id === ENTRY_ID) return VIRTUAL + 'entry';
      // The entry is virtual: let the LWC plugin resolve its `c/*` imports as if the boot module imported them.
      if (importer === VIRTUAL + 'entry' && id.startsWith('c/')) {
        return this.resolve(id, bootFile, { skipSelf: true });
      }
      if (id === 'lwc') return toolchain.engine;
      if (id === '@lwc/synthetic-shadow') return toolchain.syntheticShadow;
      if (id === '@lwc/wire-service') return toolchain.wireService;
      if (id.startsWith('localorg/')) return lib(id.slice('localorg/'.length) + '.js');
      if (LIGHTNING_SHIMS[id]) return lib(LIGHTNING_SHIMS[id]);
      if (id === '@salesforce/apex') return lib('apex.js');
      if (id.startsWith('@salesforce/apex/')) return VIRTUAL + id;
      if (id.startsWith('@salesforce/label/c.')) return VIRTUAL + id;
      if (id.startsWith('@salesforce/i18n/') && USER_I18N[id.slice('@salesforce/i18n/'.length)]) return VIRTUAL + id;
      if (id === '@salesforce/user/Id' || id === '@salesforce/user/isGuest') return VIRTUAL + id;
      if (id.startsWith('@salesforce/schema/')) return VIRTUAL + id;
      if (id.startsWith('@salesforce/resourceUrl/')) return VIRTUAL + id;
      if (id.startsWith('@salesforce/customPermission/')) return VIRTUAL + id;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const name = id.slice(VIRTUAL.length);
      if (name === 'entry') return entryModule(options.bundles);
      return platformModule(name, options.labels);
    }
  };
}

function entryModule(bundles: Map<string, string>): string {
  const loaders = [...bundles.keys()]
    .sort()
    .map((name) => `  ${js(`c/${name}`)}: () => import(${js(`c/${name}`)})`)
    .join(',\n');
  // Synthetic shadow first: project markup styled with SLDS classes needs the global stylesheet to reach it.
  return `import '@lwc/synthetic-shadow';\nimport { start } from 'localorg/boot';\nstart({\n${loaders}\n});\n`;
}

function platformModule(id: string, labels: Map<string, string>): string {
  if (id.startsWith('@salesforce/apex/')) {
    const [className, method] = splitLast(id.slice('@salesforce/apex/'.length));
    return `import { apexMethod } from 'localorg/apexClient';\nexport default apexMethod(${js(className)}, ${js(method)});\n`;
  }
  if (id.startsWith('@salesforce/label/c.')) {
    const name = id.slice('@salesforce/label/c.'.length);
    const value = labels.get(name);
    // The platform refuses to save a component that imports an unknown label; the build reports it the same way.
    if (value === undefined) throw new Error(`${id}: no custom label named ${name} in the project`);
    return `export default ${js(value)};\n`;
  }
  if (id.startsWith('@salesforce/i18n/')) {
    const key = USER_I18N[id.slice('@salesforce/i18n/'.length)];
    return `import { pageConfig } from 'localorg/config';\nexport default pageConfig().user.${key};\n`;
  }
  if (id === '@salesforce/user/Id')
    return `import { pageConfig } from 'localorg/config';\nexport default pageConfig().user.id;\n`;
  if (id === '@salesforce/user/isGuest') return `export default false;\n`;
  if (id.startsWith('@salesforce/schema/')) {
    const ref = id.slice('@salesforce/schema/'.length);
    const dot = ref.indexOf('.');
    if (dot < 0) return `export default Object.freeze({ objectApiName: ${js(ref)} });\n`;
    return `export default Object.freeze({ objectApiName: ${js(ref.slice(0, dot))}, fieldApiName: ${js(ref.slice(dot + 1))} });\n`;
  }
  if (id.startsWith('@salesforce/resourceUrl/')) {
    return `export default ${js('/resource/' + id.slice('@salesforce/resourceUrl/'.length))};\n`;
  }
  if (id.startsWith('@salesforce/customPermission/')) {
    const name = id.slice('@salesforce/customPermission/'.length);
    return `import { pageConfig } from 'localorg/config';\nexport default pageConfig().user.customPermissions.includes(${js(name)}) || undefined;\n`;
  }
  throw new Error(`no platform module ${id}`);
}

function splitLast(ref: string): [string, string] {
  const dot = ref.lastIndexOf('.');
  if (dot <= 0) throw new Error(`@salesforce/apex/${ref}: expected Class.method`);
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}
