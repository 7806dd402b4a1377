/**
 * Platform-only namespaces: APIs backed by services an offline org does not have (Connect REST/Chatter, DataWeave,
 * reports, CRM Analytics…). Code that names them compiles — every `Ns.Member` is a type — and fails only when it
 * runs: a static call, a static property (an enum value), or `new Ns.Member()` throws a catchable
 * `System.UnsupportedOperationException` naming the construct and saying it is not available offline. The exception
 * type is the one ConnectApi methods throw in tests without SeeAllData [doc: "Testing ConnectApi Code": most
 * methods "fail unless used in test methods marked @IsTest(SeeAllData=true)"; type [mem]], which code such as
 * apex-recipes' OrgShape.isSeeAllDataTrue catches.
 */
import type { Value } from '../values/values.js';
import { NativeDefinitions, type NativeClassDef } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';

/** This module's namespaces, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** What each namespace needs that localorg lacks, for the message. */
const NAMESPACES: Record<string, string> = {
  ConnectApi: 'Connect REST API (Chatter, named credentials, communities) data',
  DataWeave: 'DataWeave runtime',
  // The generated namespace of the project's `dw/*.dwl` scripts (`new DataWeaveScriptResource.csvToContacts()`).
  DataWeaveScriptResource: 'DataWeave runtime',
  Reports: 'report engine',
  Wave: 'CRM Analytics engine',
  Canvas: 'Canvas app container',
  KbManagement: 'Knowledge base',
  LxScheduler: 'Salesforce Scheduler',
  Slack: 'Slack connection',
  Functions: 'Salesforce Functions runtime',
  Sfc: 'Salesforce Files Connect'
};

function offline(construct: string, needs: string): never {
  return apexThrow(
    'UnsupportedOperationException',
    `${construct} is not available offline: localorg has no ${needs} (it runs only in a Salesforce org)`
  );
}

function memberClass(ns: string, needs: string, member: string): NativeClassDef {
  const name = `${ns}.${member}`;
  return {
    name,
    dynamicStatic: (_ctx, method: string, _args: Value[]) => offline(`${name}.${method}()`, needs),
    dynamicStaticProp: (_ctx, prop) => offline(`${name}.${prop}`, needs),
    construct: () => offline(`new ${name}()`, needs)
  };
}

for (const [ns, needs] of Object.entries(NAMESPACES)) {
  natives.defineNamespace({ name: ns, member: (member) => memberClass(ns, needs, member) });
}
