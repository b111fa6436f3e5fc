/**
 * A Graph answer already read whole, as a real `Response` (status, headers, `ok`, `instanceof Response`) whose
 * body methods read the bytes in hand. `new Response(bytes)` would wrap them in a web stream that `json()` then
 * reads back through the stream machinery, which measured as about a twentieth of an invite turn's CPU; a stream
 * is now made only if someone asks for `body`. A body is read once, as with fetch.
 *
 * The typings declare Response's body methods as properties, hence arrow-function properties here, and the two
 * accessors (`body`, `bodyUsed`) defined on the prototype below the class.
 */
export class BufferedResponse extends Response {
  private used = false;
  private stream: ReadableStream<Uint8Array> | null | undefined;

  override readonly text = async (): Promise<string> => this.take().toString('utf8');

  override readonly json = async (): Promise<unknown> => JSON.parse(this.take().toString('utf8'));

  override readonly arrayBuffer = async (): Promise<ArrayBuffer> => {
    const bytes = this.take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  };

  override readonly blob = async (): Promise<Blob> => new Blob([this.take()], { type: this.headers.get('content-type') ?? '' });

  override readonly formData = async (): Promise<FormData> => {
    // Graph never answers with a form; refused as fetch refuses a body it cannot parse as one.
    throw new TypeError('A Graph response body cannot be read as form data');
  };

  override readonly clone = (): BufferedResponse => {
    if (this.used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.content, { status: this.status, statusText: this.statusText, headers: this.headers });
  };

  constructor(
    private readonly content: Buffer | null,
    init: ResponseInit,
  ) {
    super(null, init);
  }

  /** Whether the body was read (`bodyUsed`). */
  wasRead(): boolean {
    return this.used;
  }

  /** The body as a stream (`body`), made on first access; handing it out counts as reading the body. */
  bodyStream(): ReadableStream<Uint8Array> | null {
    if (this.stream !== undefined || this.content === null) return this.stream ?? null;
    const bytes = this.take();
    this.stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes));
        controller.close();
      },
    });
    return this.stream;
  }

  private take(): Buffer {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.content ?? Buffer.alloc(0);
  }
}

Object.defineProperties(BufferedResponse.prototype, {
  body: {
    configurable: true,
    get(this: BufferedResponse) {
      return this.bodyStream();
    },
  },
  bodyUsed: {
    configurable: true,
    get(this: BufferedResponse) {
      return this.wasRead();
    },
  },
});
