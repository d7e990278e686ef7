// SHA-256 (FIPS 180-4) in plain JavaScript. The page orders every case's ticket with it
// (`prefixed`: the seed-hash block is hashed once, so each ticket costs one compression, where a
// Web Crypto call per case costs a round trip: 20 s instead of about 2 for a million cases), and
// then recomputes every recorded ticket with Web Crypto as well (verify.js); where the browser
// offers no Web Crypto (a plain-HTTP address, no TLS) it is the only SHA-256, and the page says
// so. Checked against Web Crypto and the standard's test vectors in tests/publish_js.rs.
"use strict";

const Sha256Js = (() => {
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);

  const IV = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);

  // One 64-byte block of `view` at `off` into the state `h`.
  function compress(h, view, off) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
  }

  // Pad the message's last `len` bytes (at `tail[from…]`; `total` bytes in all, the rest
  // already in `h`) and write the digest to `out[at…]`. A scratch buffer is reused: tickets
  // call this a million times.
  let scratch = new Uint8Array(128);
  let scratchView = new DataView(scratch.buffer);
  function finish(h, tail, from, len, total, out, at) {
    const n = ((len + 9 + 63) >> 6) << 6;
    if (n > scratch.length) {
      scratch = new Uint8Array(n);
      scratchView = new DataView(scratch.buffer);
    }
    scratch.fill(0, 0, n);
    scratch.set(tail.subarray(from, from + len));
    scratch[len] = 0x80;
    const bits = total * 8;
    scratchView.setUint32(n - 8, Math.floor(bits / 0x100000000));
    scratchView.setUint32(n - 4, bits >>> 0);
    for (let off = 0; off < n; off += 64) compress(h, scratchView, off);
    for (let i = 0; i < 8; i++) {
      const v = h[i];
      out[at + 4 * i] = v >>> 24;
      out[at + 4 * i + 1] = (v >>> 16) & 255;
      out[at + 4 * i + 2] = (v >>> 8) & 255;
      out[at + 4 * i + 3] = v & 255;
    }
  }

  function digest(bytes) {
    const h = IV.slice();
    const whole = bytes.length & ~63;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let off = 0; off < whole; off += 64) compress(h, view, off);
    const out = new Uint8Array(32);
    finish(h, bytes, whole, bytes.length - whole, bytes.length, out, 0);
    return out;
  }

  // Tickets hash a fixed 64-byte prefix (the seed's hash in hex) followed by each id: the state
  // after that one block is computed once. into(bytes, len, out, at) writes
  // SHA-256(prefix ‖ bytes[0…len]).
  function prefixed(prefix) {
    if (prefix.length !== 64) throw new Error("the prefix must be one block");
    const mid = IV.slice();
    compress(mid, new DataView(prefix.buffer, prefix.byteOffset, 64), 0);
    const h = new Uint32Array(8);
    return (bytes, len, out, at) => {
      h.set(mid);
      const whole = len & ~63;
      if (whole > 0) {
        const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
        for (let off = 0; off < whole; off += 64) compress(h, view, off);
      }
      finish(h, bytes, whole, len - whole, 64 + len, out, at);
    };
  }

  return { digest, prefixed };
})();

if (typeof module !== "undefined") module.exports = Sha256Js;
