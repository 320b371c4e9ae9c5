// Raw DEFLATE through the platform's CompressionStream / DecompressionStream (browsers, Node 20).
// Decompression stops reading once the output passes a limit, so a tiny zip bomb costs nothing.

const INPUT_CHUNK = 16_384;

export type InflateResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'tooLarge' | 'damaged' };

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Runs `bytes` through the transform in small pieces while reading its output, and stops as soon
 * as the output passes `maxBytes`. Rejects when the stream fails (corrupt input).
 */
async function pump(
  stream: CompressionStream | DecompressionStream,
  bytes: Uint8Array,
  maxBytes: number,
): Promise<Uint8Array | 'tooLarge'> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Failures surface through the reader; these only keep them from being reported twice.
  writer.closed.catch(() => {});
  reader.closed.catch(() => {});
  const feeding = (async () => {
    for (let i = 0; i < bytes.length; i += INPUT_CHUNK) {
      await writer.ready;
      await writer.write(bytes.slice(i, i + INPUT_CHUNK));
    }
    await writer.close();
  })();
  feeding.catch(() => {});
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        await writer.abort().catch(() => {});
        return 'tooLarge';
      }
      chunks.push(value);
    }
  } catch (error) {
    await writer.abort().catch(() => {});
    throw error;
  }
  await feeding;
  return concat(chunks, total);
}

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const out = await pump(new CompressionStream('deflate-raw'), bytes, Number.POSITIVE_INFINITY);
  if (out === 'tooLarge') throw new Error('unreachable');
  return out;
}

/** The inflated bytes; `tooLarge` past `maxBytes` (reading stops there), `damaged` for corrupt input. */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<InflateResult> {
  try {
    const out = await pump(new DecompressionStream('deflate-raw'), bytes, maxBytes);
    return out === 'tooLarge' ? { ok: false, reason: 'tooLarge' } : { ok: true, bytes: out };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}
