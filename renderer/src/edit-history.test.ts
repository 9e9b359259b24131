// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { undoScope } from './edit-history';

function element(html: string, selector: string): Element {
  document.body.innerHTML = html;
  return document.querySelector(selector)!;
}

describe('undoScope', () => {
  it('is the notes editor’s history inside the editor, at any depth', () => {
    expect(undoScope(element('<div contenteditable="true" data-lexical-editor="true"><p><span id="t">x</span></p></div>', '[data-lexical-editor]'))).toBe('editor');
    expect(undoScope(element('<div contenteditable="true" data-lexical-editor="true"><p><span id="t">x</span></p></div>', '#t'))).toBe('editor');
  });

  it('is the field’s own in a text field', () => {
    expect(undoScope(element('<input type="text">', 'input'))).toBe('field');
    expect(undoScope(element('<textarea></textarea>', 'textarea'))).toBe('field');
    expect(undoScope(element('<input type="search">', 'input'))).toBe('field');
  });

  it('is the app’s (undo.last) anywhere else', () => {
    expect(undoScope(element('<button>Move to trash</button>', 'button'))).toBe('app');
    expect(undoScope(element('<input type="checkbox">', 'input'))).toBe('app');
    expect(undoScope(document.body)).toBe('app');
    expect(undoScope(null)).toBe('app');
  });
});
