/**
 * `Metadata.Operations.enqueueDeployment` (the prelude's Metadata.cls calls `LocalOrgMetadataDeployer.enqueue`): reads
 * the container's custom metadata records when the deployment is enqueued, and asks the data platform to run two
 * pieces of work once the enqueuing transaction commits: the deployment (records checked and applied as one, see
 * data/metadata-deploy.ts), then, in a transaction of its own, the callback's `handleResult` with a
 * `Metadata.DeployResult` and a `Metadata.DeployCallbackContext`. A rolled-back transaction deploys nothing. Tests
 * cannot deploy [doc: "Testing Metadata Deployments" — tests build DeployResults and call the callback directly].
 */
import { deployCustomMetadata, type CustomMetadataComponent, type DeploymentOutcome } from '../data/metadata-deploy.js';
import {
  ApexDatetime,
  type ApexEnumValue,
  type ApexId,
  ApexList,
  ApexObject,
  typeRef,
  type Value
} from '../values/values.js';
import { apexThrow, unsupported } from '../values/errors.js';
import { NativeDefinitions, type NativeContext } from '../runtime/natives.js';
import { orgOf } from './data-org.js';

/** This module's native classes and enums, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

/** An instance field of an Apex object, by name in any case. */
function field(o: ApexObject, name: string): Value {
  const lower = name.toLowerCase();
  for (const [key, value] of o.fields) if (key.toLowerCase() === lower) return value;
  return null;
}

function setField(o: ApexObject, name: string, value: Value): void {
  const lower = name.toLowerCase();
  for (const key of o.fields.keys()) {
    if (key.toLowerCase() === lower) {
      o.fields.set(key, value);
      return;
    }
  }
  throw new Error(`localorg: ${o.cls.display} has no field ${name}`);
}

function text(v: Value): string | null {
  return typeof v === 'string' ? v : null;
}

/** The container's records, copied now: later changes to the Apex objects do not reach the deployment. */
function readComponents(container: ApexObject): CustomMetadataComponent[] {
  const list = field(container, 'components');
  const items = list instanceof ApexList ? list.items : [];
  return items.map((item) => {
    if (!(item instanceof ApexObject) || !item.cls.isSubtypeOf('metadata.custommetadata')) {
      return unsupported('Metadata.Operations', 'enqueueDeployment of components other than CustomMetadata', []);
    }
    const values = field(item, 'values');
    return {
      fullName: text(field(item, 'fullName')),
      label: text(field(item, 'label')),
      values: (values instanceof ApexList ? values.items : []).map((v) => ({
        field: v instanceof ApexObject ? text(field(v, 'field')) : null,
        value: v instanceof ApexObject ? field(v, 'value') : null
      }))
    };
  });
}

function deployStatus(ctx: NativeContext, name: string): ApexEnumValue {
  const type = ctx.resolveType('Metadata.DeployStatus');
  const info = type ? ctx.typeInfo(type) : null;
  const value = info?.kind === 'enum' ? info.values.find((v) => v.name === name) : undefined;
  if (!value) throw new Error('localorg: the prelude lacks Metadata.DeployStatus');
  return value;
}

function deployMessage(ctx: NativeContext, m: DeploymentOutcome['messages'][number], at: ApexDatetime): Value {
  const message = ctx.newObject('Metadata.DeployMessage', []) as ApexObject;
  setField(message, 'fullName', m.fullName);
  setField(message, 'componentType', 'CustomMetadata');
  setField(message, 'success', m.success);
  setField(message, 'created', m.created);
  setField(message, 'changed', m.changed);
  setField(message, 'problem', m.problem);
  setField(message, 'problemType', m.problem === null ? null : 'Error');
  setField(message, 'createdDate', at);
  return message;
}

function deployResult(
  ctx: NativeContext,
  id: ApexId,
  outcome: DeploymentOutcome,
  startedAt: number,
  finishedAt: number
): ApexObject {
  const result = ctx.newObject('Metadata.DeployResult', []) as ApexObject;
  const started = new ApexDatetime(startedAt);
  const finished = new ApexDatetime(finishedAt);
  const failures = outcome.messages.filter((m) => !m.success);
  setField(result, 'id', id);
  setField(result, 'status', deployStatus(ctx, outcome.success ? 'Succeeded' : 'Failed'));
  setField(result, 'success', outcome.success);
  setField(result, 'done', true);
  setField(result, 'createdBy', ctx.user.id);
  setField(result, 'createdByName', ctx.user.name);
  setField(result, 'createdDate', started);
  setField(result, 'startDate', started);
  setField(result, 'lastModifiedDate', finished);
  setField(result, 'completedDate', finished);
  setField(result, 'numberComponentsTotal', outcome.messages.length);
  setField(result, 'numberComponentsDeployed', outcome.success ? outcome.messages.length : 0);
  setField(result, 'numberComponentErrors', failures.length);
  const details = ctx.newObject('Metadata.DeployDetails', []) as ApexObject;
  const messages = (list: DeploymentOutcome['messages']) =>
    new ApexList(
      typeRef('Metadata.DeployMessage'),
      list.map((m) => deployMessage(ctx, m, finished))
    );
  setField(details, 'componentSuccesses', messages(outcome.success ? outcome.messages : []));
  setField(details, 'componentFailures', messages(failures));
  setField(result, 'details', details);
  return result;
}

function enqueue(ctx: NativeContext, args: Value[]): Value {
  const [container, callback] = args;
  if (!(container instanceof ApexObject)) return apexThrow('NullPointerException', 'Argument cannot be null.');
  if (ctx.runningTest) {
    // [mem] the platform refuses deployments from test methods; its docs tell tests to call the callback directly.
    return apexThrow('System.UnexpectedException', 'Metadata cannot be deployed from within a test');
  }
  const components = readComponents(container);
  const id = ctx.platform.issueId('0Af');
  const enqueuedAt = ctx.now();
  ctx.platform.deferUntilCommit({
    label: `metadata deployment ${id.value}`,
    run() {
      const org = orgOf(ctx);
      const outcome = deployCustomMetadata(org.schema, org.store, components, ctx.user.id, ctx.now());
      if (!(callback instanceof ApexObject)) return;
      const finishedAt = ctx.now();
      ctx.platform.deferUntilCommit({
        label: `metadata deployment ${id.value} callback`,
        run() {
          ctx.resetStatics();
          const context = ctx.newObject('Metadata.DeployCallbackContext', []) as ApexObject;
          setField(context, 'callbackJobId', ctx.platform.issueId('707'));
          ctx.call(callback, 'handleResult', [deployResult(ctx, id, outcome, enqueuedAt, finishedAt), context]);
        }
      });
    }
  });
  return id;
}

natives.defineClass({
  name: 'LocalOrgMetadataDeployer',
  statics: { enqueue }
});
