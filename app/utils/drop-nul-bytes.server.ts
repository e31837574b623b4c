import { Transform } from "node:stream";

/**
 * React 18.3's streaming renderer writes its whole 2,048-byte buffer when a multi-byte character does not fit
 * at its end, so up to three unwritten 0x00 bytes reach the page (facebook/react#24985, fixed only in React 19).
 * They are padding, never content — text fields drop control characters before they are stored — so removing
 * every 0x00 gives exactly the bytes React meant to send.
 */
export function dropNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) return callback(null, chunk);
      callback(null, chunk.filter((byte) => byte !== 0));
    },
  });
}
