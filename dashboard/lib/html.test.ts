import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml } from './html.js';
import { districtTooltip } from './map-tooltip.js';

test('escapeHtml: markup characters become entities, other text is unchanged', () => {
  assert.equal(escapeHtml('<img src=x onerror="alert(1)">'), '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  assert.equal(escapeHtml("UBND Quận Hoàn Kiếm & 'Ba Đình'"), 'UBND Quận Hoàn Kiếm &amp; &#39;Ba Đình&#39;');
  assert.equal(escapeHtml(null), '');
});

test('the map tooltip shows a district name as text, whatever it holds', () => {
  const html = districtTooltip({ name: '<img src=x onerror=alert(1)>', display: '12,5%' }, 'Tỷ lệ <b>đúng hạn</b>');
  assert.equal(html, '&lt;img src=x onerror=alert(1)&gt;<br/>Tỷ lệ &lt;b&gt;đúng hạn&lt;/b&gt;: 12,5%');
  assert.doesNotMatch(html, /<img/);
});
