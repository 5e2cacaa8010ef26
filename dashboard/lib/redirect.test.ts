import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localPath } from './redirect.js';

test('a path of the portal passes, with its query and fragment', () => {
  assert.equal(localPath('/'), '/');
  assert.equal(localPath('/co-quan/000.00.01.H26?from=2025-01-01&to=2025-06-30&view=as_was'), '/co-quan/000.00.01.H26?from=2025-01-01&to=2025-06-30&view=as_was');
  assert.equal(localPath('/bao-cao'), '/bao-cao');
  assert.equal(localPath('/?map=open_overdue#ban-do'), '/?map=open_overdue#ban-do');
});

test('anything that a browser would take to another host gives the overview', () => {
  // As URLSearchParams hands them over, i.e. once decoded: next=/%5Cevil.example is "/\evil.example".
  for (const value of [
    '//evil.example', '/\\evil.example', '\\\\evil.example', '/\\/evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example',
    '/%5Cevil.example', '/%5cevil.example', '/%2F/evil.example', '/%2f%2fevil.example', '/%255Cevil.example', '/%09/evil.example',
    'https://evil.example/', 'http:evil.example', 'javascript:alert(1)', ' /evil', '/ /evil', '', 'evil', '/%', '/%E0%A4%A',
  ]) {
    assert.equal(localPath(value), '/', JSON.stringify(value));
  }
  assert.equal(localPath(undefined), '/');
  assert.equal(localPath(null), '/');
  assert.equal(localPath(['/x']), '/');
});

test('line breaks never reach the Location header, and what passes is plain ASCII', () => {
  assert.equal(localPath('/\r\nSet-Cookie: a=b'), '/');
  assert.equal(localPath('/%0d%0aSet-Cookie:%20a=b'), '/');
  assert.equal(localPath('/%0D%0ALocation:%20https://evil.example'), '/');
  assert.equal(localPath('/co-quan/Hà-Nội'), '/co-quan/H%C3%A0-N%E1%BB%99i');
  assert.match(localPath('/xep-hang?kind=commune#bảng'), /^[\x21-\x7e]+$/);
});
