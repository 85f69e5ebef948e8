import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, wantsHtml } from './html.js';

test('wantsHtml: browsers get pages; API clients, wildcards and ties stay JSON', () => {
  assert.equal(wantsHtml('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'), true);
  assert.equal(wantsHtml('text/html'), true);
  assert.equal(wantsHtml('text/*'), true);
  assert.equal(wantsHtml('application/json;q=0.5, text/html'), true);
  assert.equal(wantsHtml(undefined), false);
  assert.equal(wantsHtml(''), false);
  assert.equal(wantsHtml('*/*'), false);
  assert.equal(wantsHtml('application/json'), false);
  assert.equal(wantsHtml('application/json, text/html'), false);
  assert.equal(wantsHtml('text/html;q=0.5, application/json'), false);
  assert.equal(wantsHtml('text/html;q=0'), false);
  assert.equal(wantsHtml('TEXT/HTML'), true);
});

test('escapeHtml escapes the five markup characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(escapeHtml(undefined), '');
  assert.equal(escapeHtml(12), '12');
});
