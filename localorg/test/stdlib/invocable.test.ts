/** The Invocable namespace: building actions, invoking them offline, and results and errors built through JSON. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex, out } from '../runtime/helpers.js';

test('Invocable.Action keeps its type, name and invocations; clone copies them', () => {
  const lines = out(`
    Invocable.Action a = Invocable.Action.createCustomAction('flow', 'My_Flow');
    a.setInvocations(new List<Map<String, Object>>{ new Map<String, Object>{ 'x' => 1 } });
    a.addInvocation().setInvocationParameter('y', 'two');
    Invocable.Action c = (Invocable.Action) a.clone();
    a.clearInvocations();
    System.debug(c.getType() + ' ' + c.getName() + ' ' + c.getNamespace() + ' ' + c.getInvocations() + ' ' + a.getInvocations().size());
    System.debug(Invocable.Action.createCustomAction('apex', 'ns', 'Doer').getNamespace());
  `);
  assert.deepEqual(lines, ['flow My_Flow null ({x=1}, {y=two}) 0', 'ns']);
});

test('invoking an action the org does not have answers one unsuccessful result per invocation', () => {
  const lines = out(`
    Invocable.Action a = Invocable.Action.createCustomAction('flow', 'Bogus');
    a.setInvocations(new List<Map<String, Object>>{ new Map<String, Object>{ 'k' => 'v' }, new Map<String, Object>() });
    List<Invocable.Action.Result> rs = a.invoke();
    Invocable.Action.Error e = rs[0].getErrors()[0];
    System.debug(rs.size() + ' ' + rs[0].isSuccess() + ' ' + rs[0].getInvocationParameters() + ' ' + (rs[0].getAction() === a));
    System.debug(e.getCode() + ' ' + e.getMessage().contains('flow:Bogus'));
  `);
  assert.deepEqual(lines, ['2 false {k=v} true', 'INVALID_ACTION true']);
});

test('JSON builds results and errors; a result keeps the output map it was given', () => {
  const lines = out(`
    Invocable.Action.Error e = (Invocable.Action.Error) JSON.deserialize(
      JSON.serialize(new Map<String, Object>{ 'code' => 'C', 'message' => 'M' }), Invocable.Action.Error.class);
    Invocable.Action.Result r = (Invocable.Action.Result) JSON.deserialize(
      JSON.serialize(new Map<String, Object>{ 'action' => null, 'errors' => new List<Invocable.Action.Error>{ e },
        'success' => false, 'outputParameters' => new Map<String, Object>() }),
      Invocable.Action.Result.class);
    r.getOutputParameters().put('record', 1);
    System.debug(r.isSuccess() + ' ' + r.getErrors()[0].getCode() + ' ' + r.getErrors()[0].getMessage() + ' ' + r.getOutputParameters());
    System.debug(JSON.serialize(e));
  `);
  assert.deepEqual(lines, ['false C M {record=1}', '{"code":"C","message":"M"}']);
});

test('setInvocations(null) fails as a NullPointerException', () => {
  const r = apex(`Invocable.Action.createCustomAction('flow', 'F').setInvocations(null);`);
  assert.match(r.fatal ?? '', /NullPointerException: Argument cannot be null/);
});
