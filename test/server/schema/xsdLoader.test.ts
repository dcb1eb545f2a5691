// The loader on small inline schemas: each construct an official Qualys XSD might use, recursion,
// and a clear XsdLoadError (with its line) for everything it does not model.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { loadContentModel, XsdLoadError } from '../../../server/src/schema/xsdLoader';
import { declById, particleOf, shape } from './modelHelpers';

const xsd = (body: string, prefix = 'xs'): string =>
  `<?xml version="1.0"?>\n<${prefix}:schema xmlns:${prefix}="http://www.w3.org/2001/XMLSchema">\n${body}\n</${prefix}:schema>`;

function load(body: string, prefix?: string) {
  return loadContentModel(xsd(body, prefix), 'inline.xsd');
}

function loadError(body: string): XsdLoadError {
  try {
    load(body);
  } catch (e) {
    assert.ok(e instanceof XsdLoadError, `XsdLoadError expected, got ${String(e)}`);
    return e;
  }
  throw new Error('no error');
}

test('global elements, named types, refs and groups with occurrences', () => {
  const model = load(`
  <xs:element name="R" type="RType"/>
  <xs:element name="Shared" type="xs:string"><xs:annotation><xs:documentation>global docs</xs:documentation></xs:annotation></xs:element>
  <xs:complexType name="RType">
    <xs:sequence>
      <xs:element ref="Shared" minOccurs="0"/>
      <xs:group ref="G" maxOccurs="3"/>
      <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="C1" type="xs:int"/><xs:element name="C2"/></xs:choice>
      <xs:element name="E"><xs:complexType/></xs:element>
    </xs:sequence>
  </xs:complexType>
  <xs:group name="G"><xs:all><xs:element name="A" type="xs:boolean"/></xs:all></xs:group>`);
  assert.deepEqual(model.roots.map((r) => r.name), ['R', 'Shared']);
  assert.equal(shape(particleOf(model.roots[0])), 'seq(Shared?,all(A){1,3},choice(C1|C2)*,E)');
  assert.equal(declById(model, 'R/Shared').docs?.text, 'global docs');
  assert.deepEqual(declById(model, 'R/C2').content, { kind: 'any' });
  assert.deepEqual(declById(model, 'R/E').content, { kind: 'complex', particle: undefined, mixed: false });
});

test('a name declared twice in one content model gets two distinct ids', () => {
  const model = load(`
  <xs:element name="R"><xs:complexType><xs:sequence>
    <xs:element name="A" type="xs:int"/><xs:element name="B"/><xs:element name="A" type="xs:int"/>
  </xs:sequence></xs:complexType></xs:element>`);
  const p = particleOf(model.roots[0]);
  assert.ok(p.kind === 'sequence');
  assert.deepEqual(p.particles.map((x) => (x.kind === 'element' ? x.element.id : '')), ['R/A', 'R/B', 'R/A[2]']);
});

test('another prefix for the XSD namespace, and the default namespace, both work', () => {
  assert.equal(loadContentModel(xsd('<xsd:element name="X" type="xsd:token"/>', 'xsd'), 's').roots[0].content.kind, 'simple');
  const noPrefix = `<schema xmlns="http://www.w3.org/2001/XMLSchema"><element name="Y" type="positiveInteger"/></schema>`;
  const y = loadContentModel(noPrefix, 's').roots[0];
  assert.ok(y.content.kind === 'simple' && y.content.type.base === 'positiveInteger');
});

test('simple types: restriction chains merge facets; exclusive bounds become inclusive on integers', () => {
  const model = load(`
  <xs:simpleType name="Base"><xs:restriction base="xs:integer"><xs:minExclusive value="0"/><xs:maxInclusive value="100"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="Narrow"><xs:restriction base="Base"><xs:maxExclusive value="10"/><xs:pattern value="\\d"/><xs:pattern value="1\\d"/></xs:restriction></xs:simpleType>
  <xs:element name="N" type="Narrow"/>
  <xs:element name="S"><xs:simpleType><xs:restriction base="xs:string"><xs:length value="3"/><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType></xs:element>`);
  const n = model.roots[0];
  assert.ok(n.content.kind === 'simple');
  assert.deepEqual(n.content.type, { name: 'Narrow', base: 'integer', minInclusive: 1, maxInclusive: 9, patterns: ['(\\d)|(1\\d)'] });
  const s = model.roots[1];
  assert.ok(s.content.kind === 'simple');
  assert.deepEqual(s.content.type, { name: 'string', base: 'string', minLength: 3, maxLength: 3, whiteSpace: 'collapse' });
});

test('simple content extension keeps the text type and adds attributes; fixed, default, nillable', () => {
  const model = load(`
  <xs:element name="V" fixed="1" nillable="true">
    <xs:complexType><xs:simpleContent><xs:extension base="Flag"><xs:attribute name="unit" type="xs:token" use="required" default="s"/></xs:extension></xs:simpleContent></xs:complexType>
  </xs:element>
  <xs:element name="D" type="xs:date" default="2021-01-01"/>
  <xs:simpleType name="Flag"><xs:restriction base="xs:token"><xs:enumeration value="0"/><xs:enumeration value="1"/></xs:restriction></xs:simpleType>`);
  const v = model.roots[0];
  assert.ok(v.content.kind === 'simple');
  assert.deepEqual(v.content.type.enumeration, ['0', '1']);
  assert.equal(v.fixed, '1');
  assert.equal(v.nillable, true);
  assert.deepEqual(v.attributes, [{ name: 'unit', required: true, type: { name: 'token', base: 'token' }, default: 's' }]);
  assert.equal(model.roots[1].default, '2021-01-01');
});

test('complex content extension appends the derived particle to the base particle', () => {
  const model = load(`
  <xs:complexType name="B"><xs:sequence><xs:element name="A"/></xs:sequence></xs:complexType>
  <xs:element name="X"><xs:complexType><xs:complexContent><xs:extension base="B"><xs:sequence><xs:element name="Z"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType></xs:element>`);
  assert.equal(shape(particleOf(model.roots[0])), 'seq(seq(A),seq(Z))');
  assert.equal(declById(model, 'X/Z').id, 'X/Z');
});

test('recursive types end in a cycle back to the ancestor declaration, not an endless tree', () => {
  const model = load(`
  <xs:element name="Node" type="NodeType"/>
  <xs:complexType name="NodeType"><xs:sequence><xs:element name="Child" type="NodeType" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`);
  const child = declById(model, 'Node/Child');
  const again = particleOf(child);
  assert.ok(again.kind === 'sequence' && again.particles[0].kind === 'element');
  assert.equal(again.particles[0].element, child);
});

test('a DOCTYPE with entities is ignored, never expanded or fetched; predefined entities decode', () => {
  const text = `<?xml version="1.0"?>
<!DOCTYPE xs:schema SYSTEM "http://127.0.0.1:9/XMLSchema.dtd" [ <!ENTITY big "&#65;&#65;"> ]>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="E" type="xs:string"><xs:annotation><xs:documentation>a &lt; b &amp; c
API parameter: p&amp;q
Source: s</xs:documentation></xs:annotation></xs:element>
</xs:schema>`;
  const e = loadContentModel(text, 'x').roots[0];
  assert.deepEqual(e.docs, { text: 'a < b & c', apiParameter: 'p&q', source: 's' });
  assert.throws(() => loadContentModel(text.replace('a &lt; b', 'a &big; b'), 'x'), (err: XsdLoadError) => err.line === 4 && /&big;/.test(err.message));
});

test('unsupported constructs fail with the construct and its line', () => {
  const cases: Array<[string, RegExp]> = [
    ['<xs:import namespace="urn:x" schemaLocation="http://127.0.0.1/x.xsd"/>', /xs:import is not supported/],
    ['<xs:include schemaLocation="other.xsd"/>', /xs:include is not supported/],
    ['<xs:element name="A"><xs:complexType><xs:sequence><xs:any/></xs:sequence></xs:complexType></xs:element>', /xs:any inside xs:sequence/],
    ['<xs:element name="A"><xs:simpleType><xs:list itemType="xs:int"/></xs:simpleType></xs:element>', /xs:list in a simple type/],
    ['<xs:element name="A"><xs:simpleType><xs:union memberTypes="xs:int xs:date"/></xs:simpleType></xs:element>', /xs:union in a simple type/],
    ['<xs:element name="A" substitutionGroup="B"/><xs:element name="B"/>', /substitutionGroup is not supported/],
    ['<xs:element name="A"><xs:simpleType><xs:restriction base="xs:decimal"><xs:totalDigits value="3"/></xs:restriction></xs:simpleType></xs:element>', /xs:totalDigits is not supported/],
    ['<xs:element name="A"><xs:simpleType><xs:restriction base="xs:date"><xs:minInclusive value="2020-01-01"/></xs:restriction></xs:simpleType></xs:element>', /integer types only/],
    ['<xs:element name="A"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="\\p{IsBasicLatin}+"/></xs:restriction></xs:simpleType></xs:element>', /block escapes/],
    ['<xs:element name="A" type="Missing"/>', /'Missing' is not declared/],
    ['<xs:element name="A" type="xs:float"/>', /xs:float is not supported/],
    ['<xs:element name="A"><xs:complexType><xs:anyAttribute/></xs:complexType></xs:element>', /xs:anyAttribute/],
    ['<xs:element name="A" type="G"/><xs:complexType name="G"><xs:group ref="Loop"/></xs:complexType><xs:group name="Loop"><xs:sequence><xs:group ref="Loop"/></xs:sequence></xs:group>', /contains itself/],
    ['<xs:simpleType name="S"><xs:restriction base="S"/></xs:simpleType><xs:element name="A" type="S"/>', /derives from itself/],
    ['<xs:element name="A"><xs:complexType><xs:sequence><xs:element name="B" maxOccurs="many"/></xs:sequence></xs:complexType></xs:element>', /maxOccurs="many"/],
  ];
  for (const [body, message] of cases) {
    const error = loadError(body);
    assert.match(error.message, message, body);
    assert.equal(error.line, 3, `${body}: ${error.message}`);
  }
});

test('malformed XML and a non-schema root are load errors with a line', () => {
  assert.throws(() => loadContentModel('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:element name="A">\n</xs:schema>', 'x'), (e: XsdLoadError) => e instanceof XsdLoadError && e.line !== undefined && /not well-formed/.test(e.message));
  assert.throws(() => loadContentModel('<OPTION_PROFILES/>', 'x'), /not xs:schema/);
});

test("the seed's own XSD fragments (Qualys' style: type before name, anonymous enumerations) load", () => {
  // Seed 000, "Schema Update (option_profiles.xsd)", completed into a schema of its own.
  const model = loadContentModel(
    `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema attributeFormDefault="unqualified" elementFormDefault="qualified" xmlns:xs="http://www.w3.org/2001/XMLSchema">
    <xs:element name="INSTANCE_DATA_COLLECTION" type="INSTANCE_DATA_COLLECTIONType"/>
    <xs:complexType name="INSTANCE_DATA_COLLECTIONType">
        <xs:sequence>
            <xs:element type="DATABASESType" name="DATABASES" minOccurs="0"/>
        </xs:sequence>
    </xs:complexType>
    <xs:complexType name="DATABASESType">
        <xs:sequence>
            <xs:element name="AUTHENTICATION_TYPES_LIST" type="AUTHENTICATION_TYPES_LISTType"/>
        </xs:sequence>
    </xs:complexType>
    <xs:complexType name="AUTHENTICATION_TYPES_LISTType">
         <xs:sequence>
            <xs:element name="AUTHENTICATION_TYPE" maxOccurs="unbounded">
                <xs:simpleType>
                    <xs:restriction base="xs:string">
                        <xs:enumeration value="MongoDB"/>
                        <xs:enumeration value="Oracle"/>
                        <xs:enumeration value="MySQL"/>
                        <xs:enumeration value="MSSQL"/>
                    </xs:restriction>
                </xs:simpleType>
            </xs:element>
        </xs:sequence>
    </xs:complexType>
</xs:schema>`,
    'seed000.xsd',
  );
  const type = declById(model, 'INSTANCE_DATA_COLLECTION/DATABASES/AUTHENTICATION_TYPES_LIST/AUTHENTICATION_TYPE');
  assert.ok(type.content.kind === 'simple');
  assert.deepEqual(type.content.type, { name: 'string', base: 'string', enumeration: ['MongoDB', 'Oracle', 'MySQL', 'MSSQL'] });
  assert.equal(type.docs, undefined);
  assert.equal(shape(particleOf(declById(model, 'INSTANCE_DATA_COLLECTION/DATABASES/AUTHENTICATION_TYPES_LIST'))), 'seq(AUTHENTICATION_TYPE+)');
});
