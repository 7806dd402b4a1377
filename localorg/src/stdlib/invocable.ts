/**
 * The Invocable namespace: `Invocable.Action` (a wrapper for an invocable action: its type, namespace, name and the
 * invocations, each a map of input parameters), `Invocable.Action.Result` and `Invocable.Action.Error`
 * [doc: Action Class; Action.Result Class; Invocable Namespace]. Apex builds, clones and inspects actions, and tests
 * build results and errors through JSON (`JSON.deserialize(text, Invocable.Action.Result.class)`), as
 * apex-trigger-actions-framework does.
 *
 * `invoke()` answers one result per invocation. localorg has no Flow runtime and no catalogue of standard actions,
 * so every action it is asked to run is one this org does not have: each result is unsuccessful with one error
 * naming the action (the platform reports an unknown action in the results rather than throwing — what
 * apex-trigger-actions-framework's tests rely on; the error code localorg uses is its own [mem]).
 */
import { NativeDefinitions, type NativeMethod } from '../runtime/natives.js';
import { apexThrow } from '../values/errors.js';
import { ApexList, ApexMap, NativeObject, typeRef, type Value } from '../values/values.js';
import { argString, optString } from './native-args.js';

/** This module's native classes, installed into a NativeLibrary by the composition root. */
export const natives = new NativeDefinitions();

const PARAMS_TYPE = [typeRef('String'), typeRef('Object')];

interface ActionState {
  type: string;
  namespace: string | null;
  name: string | null;
  invocations: ApexMap[];
}

interface ResultState {
  action: Value;
  errors: Value;
  success: boolean;
  invocationParameters: Value;
  outputParameters: Value;
}

interface ErrorState {
  code: string | null;
  message: string | null;
}

const ACTION = 'invocable.action';
const RESULT = 'invocable.action.result';
const ERROR = 'invocable.action.error';

function action(self: Value): ActionState {
  return (self as NativeObject<ActionState>).state;
}
function result(self: Value): ResultState {
  return (self as NativeObject<ResultState>).state;
}
function error(self: Value): ErrorState {
  return (self as NativeObject<ErrorState>).state;
}

/** A fresh `Map<String, Object>` of parameters, holding a copy of `from`'s entries when given. */
function newParams(from?: ApexMap): ApexMap {
  const m = new ApexMap(PARAMS_TYPE[0], PARAMS_TYPE[1]);
  if (from) for (const [k, e] of from.entries) m.entries.set(k, [e[0], e[1]]);
  return m;
}

function newAction(state: ActionState): NativeObject<ActionState> {
  return new NativeObject(ACTION, state);
}

/** `createCustomAction(type, name)` / `(type, namespace, name)`; `createStandardAction(type)`. */
const createCustom: NativeMethod = (_ctx, args) => {
  const type = argString(args, 0);
  const [namespace, name] = args.length >= 3 ? [optString(args, 1), argString(args, 2)] : [null, argString(args, 1)];
  return newAction({ type, namespace, name, invocations: [] });
};

/** The invocation parameters are set on: the last invocation, created when there is none [mem]. */
function lastInvocation(a: ActionState): ApexMap {
  if (a.invocations.length === 0) a.invocations.push(newParams());
  return a.invocations[a.invocations.length - 1];
}

function unknownActionResult(self: Value, params: ApexMap): NativeObject<ResultState> {
  const a = action(self);
  const label = [a.type, a.namespace, a.name].filter((p) => p).join(':');
  const err = new NativeObject<ErrorState>(ERROR, {
    code: 'INVALID_ACTION',
    message: `The invocable action ${label} does not exist in this org (localorg has no Flow runtime or standard actions)`
  });
  return new NativeObject<ResultState>(RESULT, {
    action: self,
    errors: new ApexList(typeRef('Invocable.Action.Error'), [err]),
    success: false,
    invocationParameters: params,
    outputParameters: newParams()
  });
}

natives.defineClass({
  name: 'Invocable.Action',
  statics: {
    createcustomaction: createCustom,
    createstandardaction: (_ctx, args) =>
      newAction({ type: argString(args, 0), namespace: null, name: null, invocations: [] })
  },
  instance: {
    addinvocation: (ctx, _a, self) => {
      action(self).invocations.push(newParams());
      return self;
    },
    clearinvocations: (_ctx, _a, self) => {
      action(self).invocations = [];
      return self;
    },
    clone: (ctx, _a, self) => {
      const a = action(self);
      return newAction({ ...a, invocations: a.invocations.map((m) => newParams(m)) });
    },
    getinvocations: (_ctx, _a, self) => new ApexList(typeRef('Map', PARAMS_TYPE), [...action(self).invocations]),
    setinvocations: (ctx, args, self) => {
      const list = args[0];
      if (list === null || list === undefined) return apexThrow('NullPointerException', 'Argument cannot be null.');
      if (!(list instanceof ApexList) || list.items.some((m) => !(m instanceof ApexMap))) {
        return apexThrow('TypeException', 'setInvocations expects a List<Map<String, Object>>');
      }
      action(self).invocations = list.items.map((m) => newParams(m as ApexMap));
      return self;
    },
    setinvocationparameter: (ctx, args, self) => {
      const name = argString(args, 0);
      lastInvocation(action(self)).put(name, args[1] ?? null);
      return self;
    },
    getname: (_ctx, _a, self) => action(self).name,
    getnamespace: (_ctx, _a, self) => action(self).namespace,
    gettype: (_ctx, _a, self) => action(self).type,
    invoke: (ctx, _a, self) => {
      const invocations = action(self).invocations;
      return new ApexList(
        typeRef('Invocable.Action.Result'),
        invocations.map((params) => unknownActionResult(self, params))
      );
    }
  },
  props: {
    type: (_ctx, self) => action(self).type,
    namespace: (_ctx, self) => action(self).namespace,
    name: (_ctx, self) => action(self).name
  },
  json: {
    properties: [
      { name: 'type', type: typeRef('String') },
      { name: 'namespace', type: typeRef('String') },
      { name: 'name', type: typeRef('String') }
    ],
    create: (values) =>
      newAction({
        type: (values.get('type') as string | null | undefined) ?? '',
        namespace: (values.get('namespace') as string | null | undefined) ?? null,
        name: (values.get('name') as string | null | undefined) ?? null,
        invocations: []
      })
  }
});

natives.defineClass({
  name: 'Invocable.Action.Result',
  instance: {
    getaction: (_ctx, _a, self) => result(self).action,
    geterrors: (_ctx, _a, self) => result(self).errors,
    issuccess: (_ctx, _a, self) => result(self).success,
    getinvocationparameters: (_ctx, _a, self) => result(self).invocationParameters,
    getoutputparameters: (_ctx, _a, self) => result(self).outputParameters,
    clone: (_ctx, _a, self) => new NativeObject<ResultState>(RESULT, { ...result(self) })
  },
  props: {
    action: (_ctx, self) => result(self).action,
    errors: (_ctx, self) => result(self).errors,
    success: (_ctx, self) => result(self).success,
    invocationparameters: (_ctx, self) => result(self).invocationParameters,
    outputparameters: (_ctx, self) => result(self).outputParameters
  },
  json: {
    properties: [
      { name: 'action', type: typeRef('Invocable.Action') },
      { name: 'errors', type: typeRef('List', [typeRef('Invocable.Action.Error')]) },
      { name: 'success', type: typeRef('Boolean') },
      { name: 'invocationParameters', type: typeRef('Map', PARAMS_TYPE) },
      { name: 'outputParameters', type: typeRef('Map', PARAMS_TYPE) }
    ],
    create: (values) =>
      new NativeObject<ResultState>(RESULT, {
        action: values.get('action') ?? null,
        errors: values.get('errors') ?? null,
        success: values.get('success') === true,
        invocationParameters: values.get('invocationparameters') ?? null,
        outputParameters: values.get('outputparameters') ?? null
      })
  }
});

natives.defineClass({
  name: 'Invocable.Action.Error',
  instance: {
    getcode: (_ctx, _a, self) => error(self).code,
    getmessage: (_ctx, _a, self) => error(self).message,
    clone: (_ctx, _a, self) => new NativeObject<ErrorState>(ERROR, { ...error(self) })
  },
  props: {
    code: (_ctx, self) => error(self).code,
    message: (_ctx, self) => error(self).message
  },
  json: {
    properties: [
      { name: 'code', type: typeRef('String') },
      { name: 'message', type: typeRef('String') }
    ],
    create: (values) =>
      new NativeObject<ErrorState>(ERROR, {
        code: (values.get('code') as string | null | undefined) ?? null,
        message: (values.get('message') as string | null | undefined) ?? null
      })
  }
});
