/**
 * The resolver never reports a compile error the platform would not give: members of built-in types that localorg's
 * standard library lacks are left to run time, where they fail as "not supported by localorg" rather than as a
 * compile error; members of user classes whose whole hierarchy is source are still checked when loaded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apex } from '../runtime/helpers.js';

test('a method of a built-in exception that localorg lacks compiles, and fails at run time as unsupported', () => {
  const r = apex(
    "System.debug('ran'); try { throw new QueryException('q'); } catch (QueryException e) { e.notAPlatformMethodEither(); }"
  );
  assert.deepEqual(r.debug, ['ran']);
  assert.deepEqual(r.project.interp.compileErrors(), []);
  assert.match(r.fatal ?? '', /QueryException\.notAPlatformMethodEither\(0 arguments\) is not supported by localorg/);
});

test('a subclass of a built-in exception inherits members localorg does not model, so they are not compile errors', () => {
  const r = apex('System.debug(new Fail().check());', [
    `public class Fail {
       public class Denied extends QueryException {}
       public String check() {
         try { throw new Denied('d'); } catch (Denied e) { return String.valueOf(e.getMessage()); }
       }
       public void later() { new Denied('x').someQueryOnlyMethod(); }
     }`
  ]);
  assert.deepEqual(r.project.interp.compileErrors(), []);
  assert.deepEqual(r.debug, ['d']);
});

test('a user exception that extends Exception directly has only the common exception methods', () => {
  const r = apex("System.debug('ran'); new Oops('x').getInaccessibleFields();", [
    'public class Oops extends Exception {}'
  ]);
  assert.equal(
    r.fatal,
    'test.apex:1:36 Method does not exist or incorrect signature: void getInaccessibleFields() from the type Oops'
  );
  assert.deepEqual(r.debug, []);
});
