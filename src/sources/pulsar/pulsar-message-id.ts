// Pulsar's WebSocket API hands out a message id as base64 of its MessageIdData protobuf
// (ledgerId = 1, entryId = 2, partition = 3, batch_index = 4, all varints). The event id is built
// from the decoded position, which a redelivery after a crash keeps, rather than from the bytes.

interface Position {
  ledgerId: bigint;
  entryId: bigint;
  partition: bigint;
  batchIndex: bigint;
}

function readVarint(buf: Buffer, at: number): [bigint, number] | undefined {
  let v = 0n;
  for (let shift = 0n, i = at; i < buf.length && shift < 70n; i++, shift += 7n) {
    const b = buf[i]!;
    v |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [v, i + 1];
  }
  return undefined;
}

function decode(buf: Buffer): Position | undefined {
  const pos: Position = { ledgerId: -1n, entryId: -1n, partition: -1n, batchIndex: -1n };
  let seen = false;
  for (let i = 0; i < buf.length; ) {
    const tag = readVarint(buf, i);
    if (!tag) return undefined;
    const [key, next] = tag;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire !== 0) return seen ? pos : undefined; // the fields after batch_index (ack sets) are not needed
    const val = readVarint(buf, next);
    if (!val) return undefined;
    // int32 fields come as 64-bit two's complement varints when negative.
    const signed = BigInt.asIntN(64, val[0]);
    if (field === 1) pos.ledgerId = signed;
    else if (field === 2) pos.entryId = signed;
    else if (field === 3) pos.partition = signed;
    else if (field === 4) pos.batchIndex = signed;
    seen = true;
    i = val[1];
  }
  return seen && pos.ledgerId >= 0n && pos.entryId >= 0n ? pos : undefined;
}

/** `ledger:entry:partition:batchIndex`, or the id as given when it does not decode. */
export function messagePosition(messageId: string): string {
  const pos = decode(Buffer.from(messageId, 'base64'));
  return pos ? `${pos.ledgerId}:${pos.entryId}:${pos.partition}:${pos.batchIndex}` : messageId;
}
