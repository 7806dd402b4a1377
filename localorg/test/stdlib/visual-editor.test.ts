/** VisualEditor: a Lightning page's picklist data source (ebikes-lwc's HeroDetailsPositionCustomPicklist shape). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../../src/boot/project.js';
import { runTests } from '../../src/testing/runner.js';

const PICKLIST = `global class SidePicklist extends VisualEditor.DynamicPickList {
    global override VisualEditor.DataRow getDefaultValue() {
        return new VisualEditor.DataRow('Right', 'right');
    }
    global override VisualEditor.DynamicPickListRows getValues() {
        VisualEditor.DynamicPickListRows rows = new VisualEditor.DynamicPickListRows();
        rows.addRow(new VisualEditor.DataRow('Left', 'left'));
        rows.addRow(new VisualEditor.DataRow('Right', 'right', true));
        return rows;
    }
}`;

const TESTS = `@IsTest
private class SidePicklist_Tests {
    @IsTest
    static void rowsLabelsAndValidity() {
        SidePicklist p = new SidePicklist();
        Assert.areEqual('right', p.getDefaultValue().getValue());
        VisualEditor.DynamicPickListRows rows = p.getValues();
        Assert.areEqual(2, rows.size());
        Assert.isTrue(rows.get(1).isSelected());
        Assert.isFalse(rows.get(0).isSelected());
        Assert.areEqual('Left', p.getLabel('left'));
        Assert.isTrue(p.isValid('right'));
        Assert.isFalse(p.isValid('up'));
        Assert.isTrue(rows.containsAllRows());
        VisualEditor.DesignTimePageContext ctx = new VisualEditor.DesignTimePageContext();
        ctx.entityName = 'Account';
        Assert.areEqual('Account', ctx.entityName);
    }
}`;

test('a class extending VisualEditor.DynamicPickList loads and answers its rows', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-visualeditor-'));
  fs.writeFileSync(path.join(dir, 'SidePicklist.cls'), PICKLIST);
  fs.writeFileSync(path.join(dir, 'SidePicklist_Tests.cls'), TESTS);
  const run = runTests(loadProject({ sources: dir }));
  assert.equal(run.results.length, 1);
  for (const r of run.results) assert.equal(r.outcome, 'pass', `${r.methodName}: ${r.message ?? ''}`);
});
