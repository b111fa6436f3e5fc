import assert from 'node:assert/strict';
import { BufferedResponse } from '../../src/graph/buffered-response';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'retry-after': '3' };

function answer(body: string | null, status = 200): BufferedResponse {
  return new BufferedResponse(body === null ? null : Buffer.from(body, 'utf8'), { status, statusText: 'Status text', headers: JSON_HEADERS });
}

/** What fetch's own Response says for the same answer: the reference every case is held to. */
function fetchResponse(body: string | null, status = 200): Response {
  return new Response(body, { status, statusText: 'Status text', headers: JSON_HEADERS });
}

describe('BufferedResponse', () => {
  it('is a Response with the status, status text, headers and ok of the answer', () => {
    for (const status of [200, 201, 404, 429, 503]) {
      const response = answer('{}', status);
      const reference = fetchResponse('{}', status);
      assert.ok(response instanceof Response);
      assert.deepEqual(
        [response.status, response.statusText, response.ok, response.headers.get('Retry-After'), response.bodyUsed],
        [reference.status, reference.statusText, reference.ok, reference.headers.get('Retry-After'), reference.bodyUsed],
      );
    }
  });

  it('reads the body as JSON, text, bytes or a blob, with non-ASCII text intact', async () => {
    const body = JSON.stringify({ displayName: 'Zoë Ångström 山田', id: 'a1' });
    assert.deepEqual(await answer(body).json(), await fetchResponse(body).json());
    assert.equal(await answer(body).text(), body);
    assert.deepEqual(Buffer.from(await answer(body).arrayBuffer()), Buffer.from(body, 'utf8'));
    const blob = await answer(body).blob();
    assert.equal(blob.type, 'application/json; charset=utf-8');
    assert.equal(await blob.text(), body);
  });

  it('reads an empty body as fetch does: empty text, and a JSON syntax error', async () => {
    assert.equal(await answer(null, 204).text(), '');
    await assert.rejects(answer('').json(), SyntaxError);
    await assert.rejects(fetchResponse('').json(), SyntaxError);
  });

  it('lets the body be read once, like fetch, and says so in bodyUsed', async () => {
    const response = answer('{"a":1}');
    await response.json();
    assert.equal(response.bodyUsed, true);
    await assert.rejects(response.text(), TypeError);
    assert.throws(() => response.clone(), TypeError);
  });

  it('clones into an independent response whose body can be read on its own', async () => {
    const response = answer('{"a":1}', 201);
    const copy = response.clone();
    assert.ok(copy instanceof Response);
    assert.deepEqual(await copy.json(), { a: 1 });
    assert.deepEqual(await response.json(), { a: 1 });
    assert.equal(copy.status, 201);
  });

  it('hands out the body as a stream when asked, the same stream each time', async () => {
    const response = answer('streamed');
    const stream = response.body;
    assert.ok(stream);
    assert.equal(response.body, stream);
    assert.equal(response.bodyUsed, true);
    assert.equal(await new Response(stream).text(), 'streamed');
    assert.equal(answer(null, 204).body, null);
  });

  it('refuses to read a body as form data', async () => {
    await assert.rejects(answer('a=1').formData(), /form data/);
  });
});
