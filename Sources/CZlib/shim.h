#ifndef PRONGSAI_CZLIB_SHIM_H
#define PRONGSAI_CZLIB_SHIM_H
#include <zlib.h>

/// Compresses `length` bytes at `input` at `level` (1 fastest to 9 smallest) into `output`, which has room for
/// `*outputLength` bytes, framed as `windowBits` says (deflateInit2's: negative for a raw stream, plus 16 for gzip);
/// on return `*outputLength` is the stream's length. Returns Z_OK, or Z_BUF_ERROR when the output did not fit.
/// deflateInit2 is a macro, which Swift cannot call.
static inline int prongsai_deflate_framed(const unsigned char *input, unsigned long length, unsigned char *output,
                                          unsigned long *outputLength, int level, int windowBits) {
    z_stream stream = {0};
    int status = deflateInit2(&stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    if (status != Z_OK) return status;
    stream.next_in = (unsigned char *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = output;
    stream.avail_out = (uInt)*outputLength;
    status = deflate(&stream, Z_FINISH);
    *outputLength = stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? Z_OK : Z_BUF_ERROR;
}

/// A raw deflate stream (no zlib header or trailer, as zip entries hold), compressed as much as zlib can.
static inline int prongsai_deflate_raw(const unsigned char *input, unsigned long length, unsigned char *output,
                                       unsigned long *outputLength) {
    return prongsai_deflate_framed(input, length, output, outputLength, Z_BEST_COMPRESSION, -MAX_WBITS);
}

/// A gzip stream (RFC 1952: header, deflate, CRC-32 and length), as HTTP's `Content-Encoding: gzip` carries.
static inline int prongsai_gzip(const unsigned char *input, unsigned long length, unsigned char *output,
                                unsigned long *outputLength, int level) {
    return prongsai_deflate_framed(input, length, output, outputLength, level, MAX_WBITS + 16);
}

/// The most bytes a raw deflate stream of `length` input bytes can take.
static inline unsigned long prongsai_deflate_bound(unsigned long length) {
    return compressBound(length);
}
#endif
