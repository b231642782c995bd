import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { render, variablesOf } from './template.js';

describe('render', () => {
  const binding = { fn: 'find user email', sig: { params: 'conn, name', call: 'conn, name' }, n: '16' };

  it('substitutes plain variables and map keys', () => {
    expect(render('def $[fn]($[sig.params]): return $[n]', binding, 't')).toBe(
      'def find user email(conn, name): return 16',
    );
  });

  it('applies case filters', () => {
    expect(render('$[fn|snake] $[fn|camel] $[fn|pascal] $[fn|upper] $[fn|kebab]', binding, 't')).toBe(
      'find_user_email findUserEmail FindUserEmail FIND_USER_EMAIL find-user-email',
    );
  });

  it('splits camelCase words before casing', () => {
    expect(render('$[x|snake]', { x: 'parseHTTPHeader value' }, 't')).toBe('parse_httpheader_value');
  });

  it('leaves code that merely looks similar alone', () => {
    expect(render('a[$i] = ${x}; m := map[string]int{}', binding, 't')).toBe(
      'a[$i] = ${x}; m := map[string]int{}',
    );
  });

  it('rejects unknown variables, keys and filters, naming the template', () => {
    expect(() => render('$[nope]', binding, 'py/prompt.py')).toThrow(
      /unknown template variable 'nope' in py\/prompt.py/,
    );
    expect(() => render('$[sig.other]', binding, 'x')).toThrow(/has no key 'other'/);
    expect(() => render('$[sig]', binding, 'x')).toThrow(/is a map/);
    expect(() => render('$[fn.params]', binding, 'x')).toThrow(/is a string/);
    expect(() => render('$[fn|shout]', binding, 'x')).toThrow(ConfigError);
  });

  it('lists the variables a template uses', () => {
    expect([...variablesOf('$[a] $[b.c|snake] $[a]')].sort()).toEqual(['a', 'b']);
  });
});
