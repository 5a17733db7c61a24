import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError, templateNames } from './template.ts';

describe('renderTemplate', () => {
  it('inserts dotted names', () => {
    expect(renderTemplate('Hi {{cast.kyle.name}}!', { cast: { kyle: { name: 'Kyle' } } })).toBe('Hi Kyle!');
  });

  it('keeps a section only when its name is set, and inverts with ^', () => {
    const source = 'a{{#goal}}[{{goal.text}}]{{/goal}}{{^goal}}(none){{/goal}}b';
    expect(renderTemplate(source, { goal: { text: 'G' } })).toBe('a[G]b');
    expect(renderTemplate(source, { goal: false })).toBe('a(none)b');
  });

  it('drops lines that hold only a section tag, or only a tag that renders empty', () => {
    const source = 'one\n{{#on}}\ntwo\n{{/on}}\n  {{empty}}\nthree {{empty}}\n';
    expect(renderTemplate(source, { on: 'yes', empty: false })).toBe('one\ntwo\nthree \n');
    expect(renderTemplate(source, { on: false, empty: '' })).toBe('one\nthree \n');
  });

  it('keeps the indentation of a standalone tag that renders text', () => {
    expect(renderTemplate('- {{x}}\n  {{y}}\n', { x: 'a', y: 'b' })).toBe('- a\n  b\n');
  });

  it('renders placeholders inside values in the same scope', () => {
    const scope = {
      agent: { name: 'Alex' },
      old: { record: '{{agent.name}} did it.' },
      line: 'Said: {{old.record}}',
    };
    expect(renderTemplate('{{line}}', scope)).toBe('Said: Alex did it.');
  });

  it('refuses unknown names, groups used as text and loops of values', () => {
    expect(() => renderTemplate('{{nope}}', {})).toThrow('unresolved placeholder {{nope}}');
    expect(() => renderTemplate('{{old.name}}', { old: false })).toThrow(
      'unresolved placeholder {{old.name}}',
    );
    expect(() => renderTemplate('{{#nope}}x{{/nope}}', {})).toThrow(TemplateError);
    expect(() => renderTemplate('{{cast}}', { cast: { a: 'b' } })).toThrow('is a group, not text');
    expect(() => renderTemplate('{{a}}', { a: '{{a}}' })).toThrow('nested too deeply');
  });

  it('reports malformed and unbalanced tags with their line', () => {
    const unclosed = (): string => renderTemplate('x\n{{#a}}\ny', { a: 'on' });
    expect(unclosed).toThrow('unclosed section {{#a}}');
    try {
      unclosed();
    } catch (error) {
      expect((error as TemplateError).line).toBe(2);
    }
    expect(() => renderTemplate('{{#a}}{{/b}}', { a: 'on' })).toThrow('unexpected {{/b}}');
    expect(() => renderTemplate('ok\n{{ two words }}', {})).toThrow(TemplateError);
  });
});

describe('templateNames', () => {
  it('lists variables and sections', () => {
    expect([...templateNames('{{#goal}}{{goal.statement}}{{/goal}} {{mitigation}}')]).toEqual([
      'goal',
      'goal.statement',
      'mitigation',
    ]);
  });
});
