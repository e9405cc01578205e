// modelToTypeScript(): the committed declarations of the fixtures' model (test/types/flymine.ts,
// type-tested by model-types.test-d.ts) are what the generator writes today, and the generator
// maps every kind of field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Model, modelToTypeScript } from '../../src/index.js';
import { testModel } from '../helpers.js';

describe('modelToTypeScript', () => {
  it('writes the committed declarations of the fixtures model, byte for byte', () => {
    const committed = readFileSync(new URL('../types/flymine.ts', import.meta.url), 'utf8');
    expect(modelToTypeScript(testModel(), { name: 'FlyMine', source: 'the recorded fixtures/model.json' })).toBe(committed);
  });

  it('maps attributes to cell types, references to nullable classes, collections to arrays', () => {
    const model = Model.fromXML(`<model name="test-model" package="org.intermine.model.testmodel">
      <class name="Employee" extends="Thing" is-interface="true">
        <attribute name="age" type="int"/><attribute name="fullTime" type="java.lang.Boolean"/>
        <attribute name="salary" type="java.math.BigDecimal"/><attribute name="start" type="java.util.Date"/>
        <attribute name="end-date" type="java.lang.String"/>
        <reference name="department" referenced-type="Department" reverse-reference="employees"/>
      </class>
      <class name="Department" is-interface="true"><collection name="employees" referenced-type="Employee"/></class>
      <class name="Thing" is-interface="true"><attribute name="name" type="java.lang.String"/></class>
    </model>`);
    const ts = modelToTypeScript(model);
    expect(ts).toContain(
      'export interface Employee {\n  age: number;\n  "end-date": string | null;\n  fullTime: boolean | null;\n  id: number;\n  name: string | null;\n  salary: number | null;\n  start: string | null;\n  department: Department | null;\n}',
    );
    expect(ts).toContain('export interface Department {\n  id: number;\n  employees: Employee[];\n}');
    expect(ts).toContain('export interface TestModel {\n  Department: Department;\n  Employee: Employee;\n  Thing: Thing;\n}');
  });
});
